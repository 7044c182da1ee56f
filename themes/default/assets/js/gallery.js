// Gallery: arrow keys, Escape, swipes, a tap beside the photo, and focus handling for the full-screen view.
// Progressive only: without this script each photo's view still opens, pages and closes through its links.
(function () {
  "use strict";
  var gallery = document.getElementById("gallery");
  if (!gallery || !window.addEventListener || !document.querySelector) {
    return;
  }

  function openView() {
    var id = window.location.hash.slice(1);
    return /^photo-\d+$/.test(id) ? document.getElementById(id) : null;
  }

  // Replace rather than push: Back then leaves the view instead of stepping through every photo seen.
  function follow(view, selector) {
    var link = view && view.querySelector(selector);
    if (!link) {
      return false;
    }
    window.location.replace(link.getAttribute("href"));
    return true;
  }

  function focusFor(hash) {
    var view = openView();
    var target = view ? view.querySelector(".lightbox-close") : null;
    var thumb = /^#thumb-\d+$/.test(hash) ? document.getElementById(hash.slice(1)) : null;
    if (thumb) {
      target = thumb.querySelector(".gallery-open");
    }
    if (target) {
      target.focus({ preventScroll: true });
    }
  }

  document.addEventListener("keydown", function (event) {
    var view = openView();
    if (!view || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var done = false;
    if (event.key === "ArrowLeft") {
      done = follow(view, ".lightbox-prev");
    } else if (event.key === "ArrowRight") {
      done = follow(view, ".lightbox-next");
    } else if (event.key === "Escape" || event.key === "Esc") {
      done = follow(view, ".lightbox-close");
    }
    if (done) {
      event.preventDefault();
    }
  });

  gallery.addEventListener("click", function (event) {
    var target = event.target;
    if (!target || !target.classList) {
      return;
    }
    if (target.classList.contains("lightbox")) {
      follow(target, ".lightbox-close"); // a tap beside the photo closes the view
    } else if (/\blightbox-(prev|next|close)\b/.test(target.className)) {
      event.preventDefault();
      window.location.replace(target.getAttribute("href"));
    }
  });

  var startX = null;
  var startY = 0;
  gallery.addEventListener("touchstart", function (event) {
    var zoomed = window.visualViewport && window.visualViewport.scale > 1.01;
    startX = event.touches.length === 1 && !zoomed && openView() ? event.touches[0].clientX : null;
    startY = startX === null ? 0 : event.touches[0].clientY;
  }, { passive: true });
  gallery.addEventListener("touchend", function (event) {
    if (startX === null || !event.changedTouches.length) {
      return;
    }
    var dx = event.changedTouches[0].clientX - startX;
    var dy = event.changedTouches[0].clientY - startY;
    startX = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) {
      follow(openView(), dx < 0 ? ".lightbox-next" : ".lightbox-prev");
    }
  }, { passive: true });

  window.addEventListener("hashchange", function () {
    focusFor(window.location.hash);
  });
  if (openView()) {
    // Opened from a link to one photo: wait until the browser has finished its own scroll to the fragment.
    window.addEventListener("load", function () {
      focusFor(window.location.hash);
    });
  }
})();
