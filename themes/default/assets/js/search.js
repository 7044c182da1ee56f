// Search page: reads ?q=, asks the Pagefind index built with the site, and lists title, section, date and excerpt.
// The form is a plain GET form, so a search is also a link; this script only fills in the results.
(function () {
  "use strict";
  var PAGE = 10;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  if (!form || !input || !status || !list || !more) {
    return;
  }
  var here = window.location.href;
  // The index comes in bundles of a few hundred articles (an edit re-indexes one of them): the first one runs
  // the search and the others are merged into it, all at once (on a phone each request is a round trip).
  var params = new URLSearchParams(window.location.search);
  // Each bundle holds one edition's articles (data-years, in the same order): a year limits the search to its own.
  var years = (form.getAttribute("data-years") || "").split(" ");
  var year = (params.get("year") || "").trim();
  var picker = document.getElementById("search-year");
  if (picker && year) {
    picker.value = year;
  }
  var bundles = (form.getAttribute("data-bundles") || "").split(" ").filter(function (path, i) {
    return path && (!year || years[i] === year);
  }).map(function (path) {
    return new URL(path, here).href;
  });
  var root = new URL(form.getAttribute("data-root"), here).pathname;
  var results = [];
  var shown = 0;

  function say(text) {
    status.textContent = text;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  // The index has a hair space after every Chinese character and a "・" after blocks such as the title
  // (sitegen/search.py): show titles and other fields without them.
  function clean(text) {
    return String(text || "").replace(/\u200a/g, "").replace(/\u30fb\s+/g, "\u30fb");
  }

  function label(text) {
    return clean(text).replace(/\u30fb$/, "");
  }

  // A space the index put after a character Chinese writes without spaces: an ideograph or a full-width
  // punctuation mark (sitegen/search/index.py, CJK_TEXT), perhaps followed by the </mark> of a hit.
  var CJK_SPACE = /([\p{Script=Han}\u2e80-\u2fdf\u3001-\u30ff\u3100-\u312f\u3190-\u33ff\ufe10-\ufe1f\ufe30-\ufe4f\uff01-\uffee\u00b7\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u2027\u2e3a\u2e3b])(<\/mark>)? /gu;

  // Pagefind's excerpt is HTML with <mark> around each hit character. Keep its text, and one mark per run.
  // In excerpts Pagefind has turned the hair spaces into plain ones, which may follow a hit's </mark>.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = clean(String(html || "").replace(CJK_SPACE, "$1$2"));
    var out = element("p", "search-result-excerpt");
    var nodes = template.content.childNodes;
    var mark = null;
    for (var i = 0; i < nodes.length; i++) {
      var text = nodes[i].textContent;
      if (nodes[i].nodeName === "MARK") {
        mark = mark || out.appendChild(element("mark"));
        mark.textContent += text;
      } else if (text) {
        mark = null;
        out.appendChild(document.createTextNode(text));
      }
    }
    return out;
  }

  function render(data) {
    var item = element("li", "search-result");
    var title = element("h2", "search-result-title");
    var link = element("a", "", label(data.meta && data.meta.title) || data.url);
    link.href = data.url;
    title.appendChild(link);
    item.appendChild(title);
    var meta = element("p", "search-result-meta");
    if (data.meta && data.meta.section) {
      meta.appendChild(element("span", "tag", label(data.meta.section)));
    }
    if (data.meta && data.meta.edition) {
      meta.appendChild(element("span", "search-result-edition", label(data.meta.edition) + "活动周"));
    }
    if (data.meta && data.meta.date) {
      meta.appendChild(element("span", "search-result-date", label(data.meta.date)));
    }
    item.appendChild(meta);
    item.appendChild(excerpt(data.excerpt || ""));
    return item;
  }

  async function showMore() {
    var next = results.slice(shown, shown + PAGE);
    var loaded = await Promise.all(next.map(function (result) { return result.data(); }));
    var first = null;
    loaded.forEach(function (data) {
      var item = render(data);
      first = first || item;
      list.appendChild(item);
    });
    shown += next.length;
    more.hidden = shown >= results.length;
    return first;
  }

  // Each word of the query (split at spaces) is searched as an exact phrase of characters, the way the index
  // was built, so 太原市 finds exactly the articles that contain 太原市. Articles must contain every word.
  function phrase(word) {
    return '"' + word.replace(/(\p{Script=Han})/gu, " $1 ").replace(/\s+/g, " ").trim() + '"';
  }

  async function find(pagefind, query) {
    var words = query.replace(/["“”]/g, " ").split(/\s+/).filter(Boolean);
    var scores = null;
    var found = {};
    for (var i = 0; i < words.length; i++) {
      var search = await pagefind.search(phrase(words[i]));
      var next = {};
      ((search && search.results) || []).forEach(function (result) {
        if (!scores || result.id in scores) {
          next[result.id] = (scores ? scores[result.id] : 0) + result.score;
          found[result.id] = result;
        }
      });
      scores = next;
    }
    return Object.keys(scores || {})
      .sort(function (a, b) { return scores[b] - scores[a]; })
      .map(function (id) { return found[id]; });
  }

  async function load() {
    var pagefind = await import(bundles[0] + "pagefind.js");
    await pagefind.options({ baseUrl: root, excerptLength: 60 }); // characters: the index has one word per 字
    await Promise.all(bundles.slice(1).map(function (bundle) {
      return pagefind.mergeIndex(bundle, { baseUrl: root });
    }));
    return pagefind;
  }

  async function run(query) {
    say("正在搜索“" + query + "”……");
    results = bundles.length ? await find(await load(), query) : [];
    shown = 0;
    list.textContent = "";
    if (!results.length) {
      say("没有找到与“" + query + "”相关的文章，请换一个词试试。");
      more.hidden = true;
      return;
    }
    await showMore();
    say("找到 " + results.length + " 篇与“" + query + "”相关的" + (year ? year + "年" : "") + "文章。");
  }

  more.addEventListener("click", function () {
    showMore().then(function (first) {
      // Keyboard users land on the first new result instead of at the end of the page.
      var link = first && first.querySelector("a");
      if (link) {
        link.focus();
      }
    });
  });

  var query = (params.get("q") || "").trim();
  input.value = query;
  if (query) {
    document.title = "“" + query + "”的搜索结果 - " + document.title;
  } else {
    say("请输入要搜索的词语，例如活动名称、地市或学校。");
    return;
  }
  run(query).catch(function () {
    say("搜索暂时无法使用，请稍后再试，或按栏目浏览。");
  });
})();
