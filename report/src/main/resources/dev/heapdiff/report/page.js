(function () {
  "use strict";
  // Sorts the table when a header is clicked (again: the other way), and on load or when the
  // fragment changes to #sort=<column key>:<asc|desc>. Numbers sort exactly, text by code unit.
  var table = document.getElementById("heapdiff-table");
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var rows = Array.prototype.slice.call(body.rows);
  var position = new Map();
  rows.forEach(function (row, i) { position.set(row, i); });
  var INTEGER = /^-?[0-9]+$/;
  var current = null;

  function value(row, column) {
    var cell = row.cells[column];
    return cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
  }

  function compareNumbers(a, b) {
    if (INTEGER.test(a) && INTEGER.test(b)) {
      var x = BigInt(a), y = BigInt(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    var p = Number(a), q = Number(b);
    if (isNaN(p) || isNaN(q)) {
      return (isNaN(p) ? 1 : 0) - (isNaN(q) ? 1 : 0);
    }
    return p < q ? -1 : p > q ? 1 : 0;
  }

  function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function sort(column, direction) {
    var compare = heads[column].getAttribute("data-type") === "number" ? compareNumbers : compareText;
    var sign = direction === "desc" ? -1 : 1;
    var sorted = rows.slice().sort(function (r, s) {
      var c = compare(value(r, column), value(s, column));
      return c !== 0 ? sign * c : position.get(r) - position.get(s);
    });
    var fragment = document.createDocumentFragment();
    sorted.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
    heads.forEach(function (head, i) {
      head.setAttribute("aria-sort", i !== column ? "none" : direction === "desc" ? "descending" : "ascending");
    });
    current = { column: column, direction: direction };
  }

  heads.forEach(function (head, i) {
    head.querySelector("button").addEventListener("click", function () {
      sort(i, current && current.column === i && current.direction === "asc" ? "desc" : "asc");
      try {
        history.replaceState(null, "", "#sort=" + encodeURIComponent(head.getAttribute("data-key")) + ":"
            + current.direction);
      } catch (e) {
        // some browsers refuse to change the address of a file: page; the table is sorted anyway
      }
    });
  });

  function sortFromFragment() {
    var match = /^#sort=(.*):(asc|desc)$/.exec(location.hash);
    if (!match) {
      return;
    }
    var key;
    try {
      key = decodeURIComponent(match[1]);
    } catch (e) {
      return;
    }
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].getAttribute("data-key") === key) {
        sort(i, match[2]);
        return;
      }
    }
  }

  window.addEventListener("hashchange", sortFromFragment);
  sortFromFragment();
})();
