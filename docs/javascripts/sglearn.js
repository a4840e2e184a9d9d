// sglearn: on a narrow screen a wide table (actions, measures) scrolls sideways inside its
// box. Make each such box reachable and scrollable by keyboard, and name it for screen
// readers (WCAG 2.1.1). Material calls document$ after every page load.
(function () {
  "use strict";

  function label(box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    if (wide) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Table, scrolls sideways");
    } else if (box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  function labelAll() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(label);
  }

  // Material wraps tables while mounting the page: label them once that is done.
  document$.subscribe(function () {
    window.requestAnimationFrame(labelAll);
  });
  window.addEventListener("resize", labelAll);
})();
