/* Small enhancements of Material's pages. No dependencies; each step runs again whenever
 * document$ emits (Material's instant navigation swaps the page without reloading). Our
 * subscription comes after Material's, so its components are already in place.
 *
 * - Annotation markers: Material turns each "(n)" after an annotated sentence into a (+)
 *   button whose link (to the note's anchor) holds only an icon, so it has no accessible
 *   name (axe, Lighthouse: "link-name"). Each link is named after its note: "Note 1".
 * - Charts keep their own size and scroll sideways on a narrow screen: a chart that does
 *   scroll can take the keyboard focus, so it can be scrolled without a pointer (axe:
 *   "scrollable-region-focusable"). Checked again when the window is resized. */
(function () {
  "use strict";

  function nameMarkers() {
    var links = document.querySelectorAll(".md-annotation__index:not([aria-label])");
    Array.prototype.forEach.call(links, function (link) {
      var marker = link.querySelector("[data-md-annotation-id]");
      var number = marker ? marker.getAttribute("data-md-annotation-id") : "";
      link.setAttribute("aria-label", number ? "Note " + number : "Note");
    });
  }

  function focusScrollingCharts() {
    var charts = document.querySelectorAll(".bs-chart");
    var scrolls = Array.prototype.map.call(charts, function (chart) {
      return chart.scrollWidth > chart.clientWidth + 1;          // all reads, then all writes
    });
    Array.prototype.forEach.call(charts, function (chart, i) {
      if (scrolls[i]) chart.setAttribute("tabindex", "0");
      else chart.removeAttribute("tabindex");
    });
  }

  function enhance() {
    nameMarkers();
    focusScrollingCharts();
  }

  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; focusScrollingCharts(); });
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
