/* Sortable tables: every header cell of a table.bs-sortable gets a button that sorts the rows
 * by that column; aria-sort on the header cell tells assistive technology the current order.
 * A cell's data-sort attribute, when present, is its sort key; numbers sort as numbers.
 * Without JavaScript the tables keep the order the generator wrote. No dependencies. */
(function () {
  "use strict";

  function sortKey(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    var key = cell.getAttribute("data-sort");
    return (key !== null ? key : cell.textContent).trim();
  }

  function asNumber(text) {
    var cleaned = text.replace(/[,\s]/g, "");
    return cleaned !== "" && isFinite(cleaned) ? parseFloat(cleaned) : null;
  }

  function compare(a, b) {
    var x = asNumber(a), y = asNumber(b);
    if (x !== null && y !== null) return x - y;
    if (x !== null) return -1;              // numbers before text ("–" for none sorts last)
    if (y !== null) return 1;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function sortBy(table, column, header) {
    var descending = header.getAttribute("aria-sort") === "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
      return { row: row, key: sortKey(row, column), index: index };
    });
    rows.sort(function (a, b) {
      var order = compare(a.key, b.key);
      return (descending ? -order : order) || a.index - b.index;   // stable
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  function enhance(table) {
    if (table.hasAttribute("data-bs-sortable") || !table.tHead || !table.tBodies.length) return;
    table.setAttribute("data-bs-sortable", "");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "bs-sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      var hint = document.createElement("span");
      hint.className = "bs-sort__hint";
      hint.setAttribute("aria-hidden", "true");
      button.appendChild(hint);
      button.addEventListener("click", function () { sortBy(table, column, header); });
      header.appendChild(button);
    });
  }

  function enhanceAll() {
    Array.prototype.forEach.call(document.querySelectorAll("table.bs-sortable, table[data-sortable]"), enhance);
  }

  // Material's instant navigation swaps the page without reloading: document$ emits each time.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhanceAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
