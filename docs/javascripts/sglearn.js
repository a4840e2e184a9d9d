// sglearn: small reading aids on top of Material. Everything here only adds attributes or a
// print-only line; with scripts off every page still reads as plain tables. Material calls
// document$ after every page load.
(function () {
  "use strict";

  var WIDE_TABLE_COLUMNS = 4;

  function headingBefore(node) {
    // The nearest heading above a table names it: "Care coordinator", "Actions".
    var el = node;
    while (el) {
      var prev = el.previousElementSibling;
      while (prev) {
        if (/^H[1-6]$/.test(prev.tagName)) {
          return prev.textContent.replace(/\u00b6/g, "").trim();
        }
        prev = prev.previousElementSibling;
      }
      el = el.parentElement;
      if (el && el.classList && el.classList.contains("md-content")) {
        break;
      }
    }
    return document.title.split(" - ")[0];
  }

  // On a narrow screen a wide table scrolls sideways: make the box reachable by keyboard
  // and give each one its own name (WCAG 2.1.1; axe landmark-unique).
  function labelScrollBox(box, index) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    if (wide) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute(
        "aria-label",
        "Table " + (index + 1) + ": " + headingBefore(box) + " (scrolls sideways)"
      );
    } else if (box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  // Wide tables become one card per row on narrow screens and in print (see sglearn.css):
  // each cell carries its column's name, and the column with the most text is the one that
  // must never be squeezed on a wide screen.
  function prepareTable(table) {
    var headers = table.querySelectorAll("thead th");
    if (headers.length < WIDE_TABLE_COLUMNS || table.hasAttribute("data-sg-cards")) {
      return;
    }
    var names = Array.prototype.map.call(headers, function (th) {
      return th.textContent.trim();
    });
    var lengths = names.map(function () {
      return 0;
    });
    table.setAttribute("data-sg-cards", "");
    // Keep table semantics for screen readers when CSS turns rows into cards.
    table.setAttribute("role", "table");
    table.querySelectorAll("tr").forEach(function (tr) {
      tr.setAttribute("role", "row");
      Array.prototype.forEach.call(tr.children, function (cell, i) {
        if (cell.tagName === "TH") {
          cell.setAttribute("role", "columnheader");
          return;
        }
        cell.setAttribute("role", "cell");
        if (names[i]) {
          cell.setAttribute("data-label", names[i]);
        }
        lengths[i] += cell.textContent.trim().length;
      });
    });
    table.querySelectorAll("thead, tbody").forEach(function (group) {
      group.setAttribute("role", "rowgroup");
    });
    var main = lengths.indexOf(Math.max.apply(null, lengths));
    table.querySelectorAll("tr").forEach(function (tr) {
      if (tr.children[main]) {
        tr.children[main].setAttribute("data-sg-main", "");
      }
    });
  }

  // Every printed page says where it came from: the site, the page and the as-of date, in
  // the page's top margin (Chromium prints CSS margin boxes; sglearn.css adds page numbers).
  function printHeader() {
    if (document.getElementById("sg-print-header")) {
      return;
    }
    var site = document.querySelector(".md-header__topic .md-ellipsis");
    var asOf = document.querySelector('meta[name="sglearn:as-of"]');
    var parts = [site ? site.textContent.trim() : "", document.title.split(" - ")[0]];
    if (asOf) {
      parts.push("as of " + asOf.getAttribute("content"));
    }
    var text = parts.filter(Boolean).join(" \u00b7 ").replace(/[\\"\n\r]/g, " ");
    var style = document.createElement("style");
    style.id = "sg-print-header";
    style.textContent = '@page { @top-left { content: "' + text + '"; font-size: 8pt; } }';
    document.head.appendChild(style);
  }

  function prepareAll() {
    document.querySelectorAll(".md-typeset table").forEach(prepareTable);
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(labelScrollBox);
    printHeader();
  }

  document$.subscribe(function () {
    window.requestAnimationFrame(prepareAll);
  });
  window.addEventListener("resize", function () {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(labelScrollBox);
  });
})();
