// sglearn: small reading aids on top of Material. Everything here only adds attributes or a
// print-only line; with scripts off every page still reads as plain tables. Material calls
// document$ after every page load.
(function () {
  "use strict";

  var WIDE_TABLE_COLUMNS = 4; // cards on a phone
  var WIDEST_TABLE_COLUMNS = 7; // cards on a tablet and on paper too
  var LONG_TEXT = 40; // characters per cell, on average: a column that needs room to wrap
  var FOLD_AT = 3; // sub-sections with a table each
  var LONG_TABLE = 8; // rows: more fold on a phone
  var phone = window.matchMedia("(max-width: 47.99em)");

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

  // Wide tables become cards on narrow screens and in print (see sglearn.css): each cell
  // carries its column's name. The column with the most text is the main one, never
  // squeezed on a wide screen; other columns of long text (review titles) get room to wrap
  // and run across a card. A link to a review and a status badge count as short: they are
  // not the text the row is about.
  function ownText(cell) {
    var text = cell.textContent;
    cell.querySelectorAll('a[href*="cases/"], .sg-badge').forEach(function (a) {
      text = text.replace(a.textContent, "");
    });
    // Letters only: a figure with its period ("58% (1 Aug to 31 Oct 2026)") is long but short
    // to read.
    return text.replace(/[^A-Za-z]/g, "").length;
  }

  function prepareTable(table) {
    var headers = table.querySelectorAll("thead th");
    if (headers.length < WIDE_TABLE_COLUMNS || table.hasAttribute("data-sg-cards")) {
      return;
    }
    var names = Array.prototype.map.call(headers, function (th) {
      return th.textContent.trim();
    });
    var own = names.map(function () {
      return 0;
    });
    var all = names.map(function () {
      return 0;
    });
    var rows = table.querySelectorAll("tbody tr").length || 1;
    table.setAttribute("data-sg-cards", headers.length >= WIDEST_TABLE_COLUMNS ? "wide" : "");
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
        own[i] += ownText(cell);
        all[i] += cell.textContent.trim().length;
      });
    });
    table.querySelectorAll("thead, tbody").forEach(function (group) {
      group.setAttribute("role", "rowgroup");
    });
    var main = own.indexOf(Math.max.apply(null, own));
    table.querySelectorAll("tr").forEach(function (tr) {
      Array.prototype.forEach.call(tr.children, function (cell, i) {
        if (cell.tagName !== "TD") {
          return;
        }
        if (i === main) {
          // A row label (an owner, a theme) in a table of counts needs less room.
          cell.setAttribute("data-sg-main", own[i] / rows > LONG_TEXT ? "" : "short");
        } else if (all[i] / rows > LONG_TEXT) {
          cell.setAttribute("data-sg-wide", "");
        }
      });
    });
  }

  // A wide table that still does not fit beside a readable main column (nine columns at
  // 1366 px, say, next to the contents) becomes cards rather than be cut at the edge.
  function fitTable(table) {
    if (!table.hasAttribute("data-sg-cards") || phone.matches) {
      table.removeAttribute("data-sg-fit");
      return;
    }
    table.removeAttribute("data-sg-fit");
    var box = table.parentElement;
    if (box && table.getBoundingClientRect().width > box.clientWidth + 1) {
      table.setAttribute("data-sg-fit", "cards");
    }
  }

  // Long pages fold their detail: where a section holds three or more sub-sections with a
  // table each (one per owner, per quality statement), each sub-section folds under its
  // heading, which stays in view with the number of rows and any alert (overdue, late).
  // With scripts off, or printed, everything is open.
  // A section's sub-sections one level down (h3 under h2; h4 under h3, as the inspectors
  // page lists each quality statement under its framework).
  function foldable(h2) {
    var level = Number(h2.tagName.slice(1));
    var child = "H" + (level + 1);
    var groups = [];
    var el = h2.nextElementSibling;
    while (el && el.tagName !== "HR" && !(/^H[1-6]$/.test(el.tagName) &&
        Number(el.tagName.slice(1)) <= level)) {
      if (el.tagName === child) {
        groups.push([el]);
      } else if (groups.length) {
        groups[groups.length - 1].push(el);
      }
      el = el.nextElementSibling;
    }
    var withTables = groups.filter(function (group) {
      return group.some(function (node) {
        return node.tagName === "TABLE" || node.querySelector("table") !== null;
      });
    });
    if (groups.length < FOLD_AT) {
      return [];
    }
    // Statement by statement some have no figures yet, and a framework's parts are not all
    // tables: they fold all the same once most of them hold one.
    return withTables.length === groups.length || level >= 3 || withTables.length >= 2
      ? groups
      : [];
  }

  function foldSummary(h3, nodes) {
    var summary = document.createElement("summary");
    var link = h3.querySelector(".headerlink");
    if (link) {
      link.remove(); // a link inside the summary would be a control inside a control
    }
    summary.appendChild(h3);
    foldNote(summary, nodes);
    return summary;
  }

  function foldNote(summary, nodes) {
    var rows = 0;
    var alerts = {};
    nodes.forEach(function (node) {
      rows += node.querySelectorAll("tbody tr").length;
      node.querySelectorAll(".sg-badge--alert").forEach(function (badge) {
        var word = badge.textContent.trim();
        alerts[word] = (alerts[word] || 0) + 1;
      });
    });
    var note = document.createElement("span");
    note.className = "sg-fold__note";
    note.textContent = rows === 1 ? "(1 row)" : "(" + rows + " rows)";
    summary.appendChild(note);
    Object.keys(alerts).forEach(function (word) {
      var badge = document.createElement("span");
      badge.className = "sg-badge sg-badge--alert";
      badge.textContent = word + ": " + alerts[word];
      summary.appendChild(document.createTextNode(" "));
      summary.appendChild(badge);
    });
  }

  function foldSections(content) {
    content.querySelectorAll(":scope > h2, :scope > h3").forEach(function (h2) {
      foldable(h2).forEach(function (group) {
        var details = document.createElement("details");
        details.className = "sg-fold";
        details.open = !phone.matches; // folded on a phone; open where there is room
        group[0].parentNode.insertBefore(details, group[0]);
        details.appendChild(foldSummary(group[0], group.slice(1)));
        group.slice(1).forEach(function (node) {
          details.appendChild(node);
        });
      });
    });
  }

  // On a phone a long table (one card per row) folds too, so the sections after it are a
  // few screens away: the summary says how many rows and alerts it holds. On a wider
  // screen the same table is simply open.
  function foldLongTables(content) {
    content.querySelectorAll("table").forEach(function (table, index) {
      // A page's first table of labels and values is its summary (about this review): open.
      var summary = index === 0 && table.querySelectorAll("thead th").length < 3;
      var rows = table.querySelectorAll("tbody tr").length;
      if (summary || table.closest("details") || rows <= LONG_TABLE) {
        return;
      }
      var box = table.closest(".md-typeset__scrollwrap") || table;
      var details = document.createElement("details");
      details.className = "sg-fold sg-fold--table";
      details.open = !phone.matches;
      box.parentNode.insertBefore(details, box);
      var summary = document.createElement("summary");
      details.appendChild(summary);
      details.appendChild(box);
      summary.appendChild(document.createTextNode("Open the table "));
      foldNote(summary, [box]);
    });
  }

  function openTablesOnWideScreens() {
    document.querySelectorAll("details.sg-fold").forEach(function (details) {
      details.open = !phone.matches;
    });
    document.querySelectorAll(".md-typeset table").forEach(fitTable);
  }

  // A link to a folded section (from the contents, another page or a check's hint) opens it.
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var fold = target && target.closest("details.sg-fold");
    if (fold) {
      fold.open = true;
    }
  }

  // Printing opens every fold first, and closes again those the reader had closed.
  var closedBeforePrint = [];
  window.addEventListener("beforeprint", function () {
    closedBeforePrint = Array.prototype.filter.call(
      document.querySelectorAll("details:not([open])"),
      function (details) {
        details.open = true;
        return true;
      }
    );
  });
  window.addEventListener("afterprint", function () {
    closedBeforePrint.forEach(function (details) {
      details.open = false;
    });
    closedBeforePrint = [];
  });

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
    var content = document.querySelector("article.md-typeset");
    if (content && !content.querySelector("details.sg-fold")) {
      foldSections(content);
      foldLongTables(content);
    }
    openTarget();
    document.querySelectorAll(".md-typeset table").forEach(prepareTable);
    document.querySelectorAll(".md-typeset table").forEach(fitTable);
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(labelScrollBox);
    printHeader();
  }

  document$.subscribe(function () {
    window.requestAnimationFrame(prepareAll);
  });
  window.addEventListener("hashchange", openTarget);
  phone.addEventListener("change", openTablesOnWideScreens);
  window.addEventListener("resize", function () {
    document.querySelectorAll(".md-typeset table").forEach(fitTable);
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(labelScrollBox);
  });
})();
