// 复制: the data-wechat element as text/html (and plain text), for pasting into the 公众号 editor.
(function () {
  "use strict";
  var button = document.getElementById("wx-copy");
  var status = document.getElementById("wx-status");
  var source = document.querySelector("[data-wechat]");
  if (!button || !source) return;

  function bySelection() {
    var selection = window.getSelection();
    var range = document.createRange();
    range.selectNode(source);
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    selection.removeAllRanges();
    return done;
  }

  function report(done) {
    status.textContent = done ? "已复制，可粘贴到公众号编辑器" : "复制失败：请手动选中下方内容后按 Ctrl+C";
  }

  button.addEventListener("click", function () {
    var html = source.outerHTML;
    if (navigator.clipboard && window.ClipboardItem && navigator.clipboard.write) {
      var item = new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([source.innerText], { type: "text/plain" })
      });
      navigator.clipboard.write([item]).then(function () { report(true); }, function () { report(bySelection()); });
    } else {
      report(bySelection());
    }
  });
})();
