// Copy buttons of the banner (飘窗) page for webmasters.
// The buttons ship hidden: without JavaScript the snippets can still be selected by hand.
(function () {
  'use strict';

  var status = document.getElementById('copy-status');
  var timer = 0;

  function announce(text) {
    if (!status) {
      return;
    }
    // Clear first so that copying the same snippet twice is announced twice.
    status.textContent = '';
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  // For browsers without the async clipboard API, or pages not served over HTTPS.
  function copyWithTextarea(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'banner-page__offscreen';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function copy(text, button) {
    function done(ok) {
      announce(ok ? '已复制' : '复制失败，请选中代码后按 Ctrl+C 复制');
      button.focus();
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        done(true);
      }, function () {
        done(copyWithTextarea(text));
      });
    } else {
      done(copyWithTextarea(text));
    }
  }

  var buttons = document.querySelectorAll('button[data-copy]');
  for (var i = 0; i < buttons.length; i += 1) {
    var button = buttons[i];
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) {
      continue;
    }
    button.hidden = false;
    button.addEventListener('click', (function (btn, code) {
      return function () {
        copy(code.textContent, btn);
      };
    }(button, source)));
  }
}());
