/* Annotation markers: Material turns each "(n)" after an annotated sentence into a (+)
 * button whose link (to the note's anchor) holds only an icon, so it has no accessible
 * name (axe and Lighthouse: "link-name"). Each link is named after its note: "Note 1".
 * Material renders the markers when document$ emits, before this later subscriber runs;
 * with instant navigation it emits again for every page. No dependencies. */
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

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(nameMarkers);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", nameMarkers);
  } else {
    nameMarkers();
  }
})();
