// Site script: progressive only; every page works without it.
(function () {
  "use strict";
  // Opened straight from disk (file://), folder links would show a directory listing: point them at index.html.
  if (window.location.protocol === "file:") {
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (href && !/^[a-z]+:/i.test(href) && /\/$|^\.\.?$/.test(href.split("#")[0])) {
        links[i].setAttribute("href", href.replace(/\/?(#|$)/, "/index.html$1"));
      }
    }
  }
})();
