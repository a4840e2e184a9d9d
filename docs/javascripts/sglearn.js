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
  var SECTION_SCREENS = 1.2; // a section's height on a phone, in screens, before it folds
  var OPENING_SCREENS = 1.4; // the top of the page to its first section (the title is in it)
  var TALL_BLOCK = 0.25; // screens: a shorter table or list is not worth folding
  var FOLD_LINE_PX = 40; // a folded sub-section's summary line, beyond its heading
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
    var where = headingBefore(h3);
    var link = h3.querySelector(".headerlink");
    if (link) {
      link.remove(); // a link inside the summary would be a control inside a control
    }
    summary.appendChild(h3);
    foldNote(summary, nodes);
    heardOnly(summary, where);
    return summary;
  }

  // Each fold's control has its own name for a screen reader: the visible words, then, not
  // shown, the section it is in ("Gaps in the evidence, CQC single assessment framework"),
  // as each framework has its gaps, and a page may have several tables of 11 rows.
  function heardOnly(summary, where) {
    var span = document.createElement("span");
    span.className = "sg-heard-only";
    span.textContent = ", " + where;
    summary.appendChild(span);
  }

  // What a fold holds, in its summary: "(12 rows)", "(5 items)" or "(3 reviews)".
  function count(nodes, selector) {
    return nodes.reduce(function (sum, node) {
      return sum + node.querySelectorAll(selector).length +
        (node.matches(selector) ? 1 : 0);
    }, 0);
  }

  function foldNote(summary, nodes) {
    var alerts = {};
    nodes.forEach(function (node) {
      node.querySelectorAll(".sg-badge--alert").forEach(function (badge) {
        if (badge.closest("summary")) {
          return; // a fold inside this one has counted it already
        }
        // "Warning signals not joined up: 2" adds two to its word's count.
        var parts = badge.textContent.trim().match(/^(.*?)(?:: (\d+))?$/);
        alerts[parts[1]] = (alerts[parts[1]] || 0) + Number(parts[2] || 1);
      });
    });
    var held = [
      [count(nodes, "tbody tr"), "row"],
      [count(nodes, ":scope > li, ul > li, ol > li"), "item"],
      [count(nodes, 'strong > a[href*="cases/"]'), "review"],
    ].filter(function (pair) {
      return pair[0] > 0;
    })[0];
    if (held) {
      // Nothing to count (a paragraph of gaps): the heading alone says what is inside.
      var note = document.createElement("span");
      note.className = "sg-fold__note";
      note.textContent = "(" + held[0] + " " + held[1] + (held[0] === 1 ? "" : "s") + ")";
      summary.appendChild(note);
    }
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

  function isPageSummary(table, content) {
    // A page's first table of labels and values is its summary (about this review): open.
    return content.querySelector("table") === table &&
      table.querySelectorAll("thead th").length < 3;
  }

  // Folded only where there is no room: on a wider screen, and on paper, the block is open
  // and its summary line hidden (sglearn.css).
  function foldBlock(nodes, words, kind) {
    var where = headingBefore(nodes[0]);
    var details = document.createElement("details");
    details.className = "sg-fold sg-fold--phone sg-fold--" + kind;
    details.open = !phone.matches;
    nodes[0].parentNode.insertBefore(details, nodes[0]);
    var summary = document.createElement("summary");
    details.appendChild(summary);
    nodes.forEach(function (node) {
      details.appendChild(node);
    });
    summary.appendChild(document.createTextNode(words + " "));
    foldNote(summary, nodes);
    heardOnly(summary, where);
    return details;
  }

  // On a phone a long table (one card per row) folds too, so the sections after it are a
  // few screens away: the summary says how many rows and alerts it holds. On a wider
  // screen the same table is simply open.
  function foldLongTables(content) {
    content.querySelectorAll("table").forEach(function (table) {
      var rows = table.querySelectorAll("tbody tr").length;
      if (isPageSummary(table, content) || table.closest("details") || rows <= LONG_TABLE) {
        return;
      }
      foldBlock([table.closest(".md-typeset__scrollwrap") || table], tableName(table), "table");
    });
  }

  // On a phone every section fits in about a screen: a section taller than that folds its
  // tallest tables and lists, then its sub-sections under their headings, then, if it is
  // still too long (a quarter of the learning log), its whole body under its heading.
  function sections(content) {
    var found = [[]];
    Array.prototype.forEach.call(content.children, function (el) {
      if (el.tagName === "H2") {
        found.push([el]);
      } else if (el.tagName !== "H1") {
        found[found.length - 1].push(el);
      }
    });
    return found.filter(function (nodes) {
      return nodes.length > 1;
    });
  }

  function shown(nodes) {
    return nodes.filter(function (node) {
      return node.getClientRects().length > 0;
    });
  }

  function tallness(nodes) {
    var seen = shown(nodes);
    return seen.length ? seen[seen.length - 1].getBoundingClientRect().bottom -
      seen[0].getBoundingClientRect().top : 0;
  }

  // A table of labels and values is named by its first heading where that is a phrase
  // ("Dates and the review"); a column name ("rule", "Theme") does not name a table.
  function tableName(box) {
    var headers = box.querySelectorAll("thead th");
    var first = headers.length === 2 ? headers[0].textContent.trim() : "";
    return first.split(/\s+/).length >= 3 ? first : "Open the table";
  }

  function foldTallBlocks(nodes, tooTall) {
    // The tallest first: a review's dates fold before the summary table above them.
    var blocks = nodes.filter(function (node) {
      return /^(UL|OL|DL|TABLE)$/.test(node.tagName) ||
        node.classList.contains("md-typeset__scrollwrap");
    }).sort(function (a, b) {
      return tallness([b]) - tallness([a]);
    });
    blocks.forEach(function (block) {
      if (tooTall() && tallness([block]) > window.innerHeight * TALL_BLOCK) {
        var list = /^(UL|OL|DL)$/.test(block.tagName);
        var details = foldBlock([block], list ? "Open the list" : tableName(block),
          list ? "list" : "table");
        nodes[nodes.indexOf(block)] = details;
      }
    });
  }

  // Folds a section's sub-sections under their headings, if that is enough for the section
  // to fit: a summary line is about as tall as its heading with the fold's padding.
  function foldSubSections(heading, nodes, budget) {
    var groups = [];
    nodes.forEach(function (node) {
      if (node.tagName === "H3") {
        groups.push([node]);
      } else if (groups.length) {
        groups[groups.length - 1].push(node);
      }
    });
    if (groups.length < 2) {
      return nodes;
    }
    var kept = nodes.slice(0, nodes.indexOf(groups[0][0]));
    var folded = groups.reduce(function (sum, group) {
      return sum + tallness([group[0]]) + FOLD_LINE_PX;
    }, tallness([heading].concat(kept)));
    if (folded > budget) {
      return nodes;
    }
    groups.forEach(function (group) {
      var details = document.createElement("details");
      details.className = "sg-fold";
      details.open = false;
      group[0].parentNode.insertBefore(details, group[0]);
      details.appendChild(foldSummary(group[0], group.slice(1)));
      group.slice(1).forEach(function (node) {
        details.appendChild(node);
      });
      kept.push(details);
    });
    return kept;
  }

  function fitSectionsToPhone(content) {
    var screen = window.innerHeight;
    sections(content).forEach(function (nodes) {
      var heading = nodes[0].tagName === "H2" ? nodes[0] : null;
      var body = heading ? nodes.slice(1) : nodes;
      function tooTall() {
        if (heading) {
          return tallness([heading].concat(body)) > SECTION_SCREENS * screen;
        }
        // The page's opening, title and all, up to its first section.
        var seen = shown(body);
        var end = seen.length ? seen[seen.length - 1].getBoundingClientRect().bottom : 0;
        return end + window.scrollY > OPENING_SCREENS * screen;
      }
      if (!tooTall()) {
        return;
      }
      foldTallBlocks(body, tooTall);
      if (heading && tooTall()) {
        body = foldSubSections(heading, body, SECTION_SCREENS * screen);
      }
      if (heading && tooTall()) {
        foldBlock(body, "Open this section", "section");
      }
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

  // A listing's box only keeps its rows out of the search index (the review's own page is
  // where search finds them): on screen and on paper the page reads as if it were not there.
  function unwrapListings(content) {
    content.querySelectorAll(":scope > .sg-listing").forEach(function (box) {
      box.replaceWith.apply(box, Array.prototype.slice.call(box.childNodes));
    });
  }

  function prepareAll() {
    var content = document.querySelector("article.md-typeset");
    var first = content && !content.querySelector("details.sg-fold");
    if (first) {
      unwrapListings(content);
      foldSections(content);
      foldLongTables(content);
    }
    document.querySelectorAll(".md-typeset table").forEach(prepareTable);
    document.querySelectorAll(".md-typeset table").forEach(fitTable);
    if (first && phone.matches) {
      fitSectionsToPhone(content); // measured once the tables are cards
    }
    openTarget();
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
