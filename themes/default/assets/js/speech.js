// Read-aloud (朗读) and 指读 with the browser's own Chinese voice (Web Speech API). Progressive: the controls are
// hidden in the HTML and shown only where speechSynthesis exists and offers a Chinese voice. ES5 syntax.
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  var Utterance = window.SpeechSynthesisUtterance;
  var root = document.documentElement;
  if (!synth || !Utterance) {
    return;
  }
  // Split after these marks (and a closing quote or bracket that follows them): one utterance per sentence, so
  // the sentence read can be highlighted, and Chromium's habit of falling silent in long utterances is avoided.
  var SENTENCE = /[^。！？；…!?;]*(?:[。！？；…!?;]+[”’」』）)]*|$)/g;
  var BLOCKS = "h1, h2, h3, h4, p, li, blockquote, td, th, figcaption";
  var voice = null;
  var rate = 1;

  function chinese(voices) {
    var best = null;
    for (var i = 0; i < voices.length; i++) {
      var lang = String(voices[i].lang || "").replace("_", "-").toLowerCase();
      if (lang === "zh-cn" || lang === "zh-hans-cn") {
        return voices[i];
      }
      if (!best && lang.indexOf("zh") === 0) {
        best = voices[i];
      }
    }
    return best;
  }

  function utterance(text, onEnd) {
    var u = new Utterance(text);
    u.lang = "zh-CN";
    u.voice = voice;
    u.rate = rate;
    u.onend = onEnd;
    u.onerror = onEnd;
    return u;
  }

  // ---- 朗读: the article, sentence by sentence -------------------------------------------------------------

  var panel = document.querySelector("[data-readaloud]");
  var article = panel && document.querySelector(panel.getAttribute("data-readaloud"));
  var play = panel && panel.querySelector("[data-read-play]");
  var stopButton = panel && panel.querySelector("[data-read-stop]");
  var speed = panel && panel.querySelector("[data-read-rate]");
  var status = panel && panel.querySelector("[data-read-status]");
  var sentences = null; // lists of spans, one list per sentence, built on the first play
  var current = -1;
  var state = "stopped"; // stopped | playing | paused
  var run = 0; // bumped on every start and stop: an utterance of an older run that ends is ignored

  // Wrap each sentence of each text node in <span class="read-sentence">. A sentence that runs across a link
  // becomes several spans with one index. Done only when the reader presses play: the HTML stays as served.
  function collect() {
    var list = [];
    var blocks = [article.querySelector("#article-title")];
    var prose = article.querySelectorAll(".prose " + BLOCKS.replace(/, /g, ", .prose "));
    var captions = article.querySelectorAll(".gallery-item figcaption, .video figcaption .video-facts");
    var i;
    for (i = 0; i < prose.length; i++) {
      blocks.push(prose[i]);
    }
    for (i = 0; i < captions.length; i++) {
      blocks.push(captions[i]);
    }
    for (i = 0; i < blocks.length; i++) {
      // A list item holding a paragraph is read once, through the paragraph.
      if (blocks[i] && !blocks[i].querySelector(BLOCKS) && blocks[i].textContent.replace(/\s+/g, "")) {
        wrap(blocks[i], list);
      }
    }
    return list;
  }

  function wrap(block, list) {
    var walker = document.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */, null, false);
    var nodes = [];
    var node;
    while ((node = walker.nextNode())) {
      nodes.push(node);
    }
    var open = null; // the sentence still missing its end mark
    for (var i = 0; i < nodes.length; i++) {
      var parts = nodes[i].nodeValue.match(SENTENCE) || [];
      var fragment = document.createDocumentFragment();
      for (var j = 0; j < parts.length; j++) {
        if (!parts[j]) {
          continue;
        }
        if (!/\S/.test(parts[j])) {
          fragment.appendChild(document.createTextNode(parts[j]));
          continue;
        }
        var span = document.createElement("span");
        span.className = "read-sentence";
        span.textContent = parts[j];
        fragment.appendChild(span);
        if (!open) {
          open = [];
          list.push(open);
        }
        open.push(span);
        if (/[。！？；…!?;][”’」』）)]*\s*$/.test(parts[j])) {
          open = null;
        }
      }
      nodes[i].parentNode.replaceChild(fragment, nodes[i]);
    }
  }

  function text(spans) {
    var out = "";
    for (var i = 0; i < spans.length; i++) {
      out += spans[i].textContent;
    }
    return out.replace(/\s+/g, " ").replace(/^ | $/g, "");
  }

  function mark(index, on) {
    var spans = sentences[index] || [];
    for (var i = 0; i < spans.length; i++) {
      if (on) {
        spans[i].classList.add("read-current");
      } else {
        spans[i].classList.remove("read-current");
      }
    }
    if (on && spans[0] && spans[0].scrollIntoView) {
      spans[0].scrollIntoView({ block: "center" });
    }
  }

  function show(next, label, message) {
    state = next;
    play.textContent = label;
    play.setAttribute("aria-pressed", next === "playing" ? "true" : "false");
    stopButton.disabled = next === "stopped";
    status.textContent = message;
  }

  function speakFrom(index) {
    if (current >= 0) {
      mark(current, false);
    }
    current = index;
    if (index >= sentences.length) {
      current = -1;
      show("stopped", "朗读全文", "朗读完毕。");
      return;
    }
    var mine = run;
    mark(index, true);
    synth.speak(utterance(text(sentences[index]), function () {
      if (mine === run && state === "playing") {
        speakFrom(index + 1);
      }
    }));
  }

  // Pause is cancel-and-remember: speechSynthesis.pause() does nothing on several Android voices.
  function halt() {
    run += 1;
    synth.cancel();
  }

  function toggle() {
    if (state === "playing") {
      halt();
      show("paused", "继续朗读", "已暂停。");
      return;
    }
    sentences = sentences || collect();
    halt();
    var from = state === "paused" && current >= 0 ? current : 0;
    show("playing", "暂停朗读", state === "paused" ? "继续朗读。" : "开始朗读全文。");
    speakFrom(from);
  }

  function stop() {
    halt();
    if (current >= 0) {
      mark(current, false);
    }
    current = -1;
    show("stopped", "朗读全文", "已停止朗读。");
  }

  // ---- 指读: what the reader points at or tabs to, when the assistive toolbar turns it on ----------------

  var pointed = null;
  var pointTimer = 0;

  function point(event) {
    if (!root.classList.contains("point-read") || state === "playing") {
      return;
    }
    var target = event.target && event.target.closest && event.target.closest("a, button, select, " + BLOCKS);
    if (!target || target === pointed) {
      return;
    }
    pointed = target;
    window.clearTimeout(pointTimer);
    // A short wait, so sweeping the mouse across a list does not start and cancel a dozen utterances.
    pointTimer = window.setTimeout(function () {
      var words = target.getAttribute("aria-label") || target.textContent;
      words = String(words || "").replace(/\s+/g, " ").replace(/^ | $/g, "");
      synth.cancel();
      if (words) {
        synth.speak(utterance(words, null));
      }
    }, event.type === "focusin" ? 0 : 250);
  }

  // ---- Start once a Chinese voice exists: Chromium lists its voices late, after voiceschanged --------------

  function ready() {
    if (voice) {
      return;
    }
    voice = chinese(synth.getVoices() || []);
    if (!voice) {
      return;
    }
    root.classList.add("has-speech");
    if (panel && article && play && stopButton && status) {
      panel.hidden = false;
      play.addEventListener("click", toggle);
      stopButton.addEventListener("click", stop);
      if (speed) {
        speed.addEventListener("change", function () {
          rate = parseFloat(speed.value) || 1;
          if (state === "playing") {
            halt();
            state = "playing";
            speakFrom(current);
          }
        });
        rate = parseFloat(speed.value) || 1;
      }
    }
    document.addEventListener("focusin", point);
    document.addEventListener("mouseover", point);
    // Leaving the page mid-sentence must not leave the voice talking over the next page.
    window.addEventListener("pagehide", function () {
      synth.cancel();
    });
  }

  ready();
  if (!voice && synth.addEventListener) {
    synth.addEventListener("voiceschanged", ready);
  }
})();
