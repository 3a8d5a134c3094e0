extension BenchReport {
    /// The page's only script, inline and without libraries: it makes every
    /// `<table class="figures">` sortable and filterable.
    ///
    /// Clicking a header (or Enter / Space on it) sorts the table's `<tbody class="group">`
    /// elements by that column of their first row, ascending, then descending on a second click:
    /// by `data-sort` as a number where the cell has one, empty values last in both directions,
    /// otherwise by text with digits compared as numbers (`w9` before `w15`). The filter box keeps
    /// the groups whose spec (`data-label`) contains every word typed. Without scripts the page
    /// shows the table in ratio order and no box.
    static let tableScript = #"""
        (function () {
          "use strict";
          function key(group, column) {
            var cell = group.rows[0].cells[column];
            if (!cell) return { empty: true };
            var sortValue = cell.getAttribute("data-sort");
            if (sortValue !== null) {
              return sortValue === "" ? { empty: true } : { number: parseFloat(sortValue) };
            }
            return { text: cell.textContent.replace(/[◆↳]/g, "").trim() };
          }
          function compare(a, b) {
            if (a.number !== undefined && b.number !== undefined) return a.number - b.number;
            return String(a.text !== undefined ? a.text : a.number)
              .localeCompare(String(b.text !== undefined ? b.text : b.number), undefined, { numeric: true, sensitivity: "base" });
          }
          function sort(table, header, column) {
            var ascending = header.getAttribute("aria-sort") !== "ascending";
            Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
            header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
            var groups = Array.prototype.slice.call(table.tBodies).map(function (group, index) {
              return { group: group, key: key(group, column), index: index };
            });
            groups.sort(function (a, b) {
              if (a.key.empty || b.key.empty) return (a.key.empty ? 1 : 0) - (b.key.empty ? 1 : 0) || a.index - b.index;
              return (ascending ? 1 : -1) * compare(a.key, b.key) || a.index - b.index;
            });
            groups.forEach(function (entry) { table.appendChild(entry.group); });
          }
          function filter(table, input, shown) {
            var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
            var count = 0, groups = table.tBodies;
            Array.prototype.forEach.call(groups, function (group) {
              var label = (group.getAttribute("data-label") || "").toLowerCase();
              var match = words.every(function (word) { return label.indexOf(word) >= 0; });
              group.hidden = !match;
              if (match) count += 1;
            });
            shown.textContent = words.length ? count + " of " + groups.length + " specs" : groups.length + " specs";
          }
          Array.prototype.forEach.call(document.querySelectorAll("table.figures"), function (table) {
            table.classList.add("sortable");
            Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
              header.tabIndex = 0;
              header.title = "sort by this column";
              header.addEventListener("click", function () { sort(table, header, column); });
              header.addEventListener("keydown", function (event) {
                if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(table, header, column); }
              });
            });
            var tools = table.previousElementSibling;
            if (!tools || !tools.classList.contains("table-tools")) return;
            var input = tools.querySelector("input.filter"), shown = tools.querySelector(".shown");
            tools.hidden = false;
            input.addEventListener("input", function () { filter(table, input, shown); });
            filter(table, input, shown);
          });
        })();

        """#
}
