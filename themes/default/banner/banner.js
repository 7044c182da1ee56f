/*
 * 飘窗 (floating-window banner) of one activity-week column.
 *
 * Embedded by school and city sites with one line:
 *   <script src="https://<column>/banner/banner.js" async></script>
 * Options, as data- attributes on that tag:
 *   data-corner="top-left|top-right|bottom-left|bottom-right"  start corner
 *   data-speed="60"                                           pixels per second (0 = still)
 *   data-static                                               stay in the corner, do not move
 *
 * Host pages are old, crowded CMS pages. Hence:
 * - ES5 syntax only, so old browsers parse the file and quietly do nothing;
 * - everything inside one function, and only window.SXActivityWeekBanner is
 *   created, shared by the scripts of both columns;
 * - no Array.prototype methods, no for-in and no free global names besides
 *   window, document and standard constructors, because hosts patch built-ins
 *   and define globals such as $, banner or close;
 * - markup in an open shadow root, built with createElement (no innerHTML, so
 *   Trusted Types pages work too), styled with a constructed stylesheet, or a
 *   <link> to banner.css where that is unsupported, never with <style> or
 *   style="" (a strict CSP blocks both); the host element only gets custom
 *   properties through the CSSOM, which CSP allows;
 * - the link, alt text and images come from the build (CONFIG), never from the page.
 *
 * window.SXActivityWeekBanner.instances[<column id>] offers {host, close(), pause(true|false)}
 * for webmasters who want their own controls.
 */
(function () {
  'use strict';

  // Filled in at build time by sitegen/banner.py; null in the theme source.
  var CONFIG = /*@BANNER_CONFIG@*/null;

  var NS = 'SXActivityWeekBanner';
  var TAG = 'sx-activity-week-banner';
  var CORNERS = ['top-left', 'top-right', 'bottom-right', 'bottom-left'];
  var MARGIN = 8;
  // Height of the bar with the pause and close buttons above the image (see banner.css).
  var BAR = 26;
  var DEFAULT_SPEED = 60;
  var win = window;
  var doc = document;
  // Read now: document.currentScript is only set while this file first runs.
  var script = doc.currentScript;

  if (!CONFIG || !doc.documentElement || !doc.addEventListener) {
    return;
  }

  var ns = win[NS];
  if (!ns || typeof ns !== 'object') {
    ns = {version: 1, instances: Object.create(null), corners: Object.create(null), scripts: []};
    win[NS] = ns;
  }
  if (ns.instances[CONFIG.id]) {
    // The same column's banner is already on the page (snippet pasted twice).
    return;
  }

  function contains(list, value) {
    for (var i = 0; i < list.length; i += 1) {
      if (list[i] === value) {
        return true;
      }
    }
    return false;
  }

  // Without currentScript (e.g. the tag was injected oddly), take the last banner
  // script not yet claimed by the other column.
  if (!script || !script.src) {
    var tags = doc.getElementsByTagName('script');
    script = null;
    for (var t = tags.length - 1; t >= 0; t -= 1) {
      var src = tags[t].src || '';
      if (src.indexOf('banner/banner.js') >= 0 && !contains(ns.scripts, tags[t])) {
        script = tags[t];
        break;
      }
    }
  }
  if (script) {
    ns.scripts[ns.scripts.length] = script;
  }

  function option(name) {
    return script && script.getAttribute ? script.getAttribute('data-' + name) : null;
  }

  function fileUrl(name) {
    try {
      return new URL(name, script && script.src ? script.src : CONFIG.fallbackBase).href;
    } catch (e) {
      return CONFIG.fallbackBase + name;
    }
  }

  var KEY = 'sx-activity-week-banner:closed:' + CONFIG.id;

  function wasClosed() {
    try {
      return win.sessionStorage.getItem(KEY) === '1';
    } catch (e) {
      // Storage can be disabled or throw in private modes; then the banner simply shows.
      return false;
    }
  }

  function rememberClosed() {
    try {
      win.sessionStorage.setItem(KEY, '1');
    } catch (e) {
      // Nothing to do: it stays closed for this page view at least.
    }
  }

  if (wasClosed()) {
    return;
  }

  var corner = option('corner');
  if (!contains(CORNERS, corner)) {
    corner = CONFIG.corner;
  }
  var speed = parseFloat(option('speed'));
  if (!(speed >= 0)) {
    speed = DEFAULT_SPEED;
  }
  speed = Math.min(speed, 600);
  var pinned = option('static');
  pinned = pinned !== null && pinned !== 'false' && pinned !== '0';

  // No Shadow DOM (IE document modes, which 360 uses on many school CMS pages): a plain linked image in the
  // corner, with a close button, styled through the CSSOM (allowed by a strict CSP). It does not move.
  if (!doc.documentElement.attachShadow) {
    plain();
    return;
  }

  function plain() {
    ns.instances[CONFIG.id] = {host: null, close: null, pause: null};
    function put(node, styles) {
      for (var i = 0; i < styles.length; i += 2) {
        node.style.setProperty(styles[i], styles[i + 1], 'important');
      }
    }
    function show() {
      var box = doc.createElement('div');
      var a = doc.createElement('a');
      var image = doc.createElement('img');
      var shut = doc.createElement('button');
      a.href = CONFIG.link;
      a.target = '_blank';
      a.rel = 'noopener';
      image.alt = CONFIG.alt;
      image.width = CONFIG.width;
      image.height = CONFIG.height;
      image.src = fileUrl(CONFIG.image);
      shut.type = 'button';
      shut.appendChild(doc.createTextNode('关闭'));
      shut.setAttribute('aria-label', '关闭');
      var top = corner.indexOf('top') >= 0;
      var left = corner.indexOf('left') >= 0;
      put(box, ['position', 'fixed', 'z-index', '2147483600', top ? 'top' : 'bottom', MARGIN + 'px',
        left ? 'left' : 'right', MARGIN + 'px', 'width', CONFIG.width + 'px', 'margin', '0', 'padding', '0',
        'text-align', 'right', 'line-height', '1']);
      put(image, ['display', 'block', 'width', CONFIG.width + 'px', 'height', CONFIG.height + 'px',
        'max-width', 'none', 'border', '0', 'margin', '0']);
      put(shut, ['display', 'inline-block', 'visibility', 'visible', 'font-size', '13px', 'line-height', '22px', 'height', '24px', 'padding', '0 9px', 'margin',
        '0 0 2px', 'color', '#fff', 'background', '#000', 'border', '0', 'border-radius', '12px', 'cursor', 'pointer']);
      box.setAttribute('aria-label', CONFIG.label + '飘窗');
      box.setAttribute('role', 'complementary');
      shut.addEventListener('click', function () {
        box.parentNode.removeChild(box);
        rememberClosed();
      });
      a.appendChild(image);
      box.appendChild(shut);
      box.appendChild(a);
      doc.body.appendChild(box);
    }
    if (doc.body) {
      show();
    } else {
      doc.addEventListener('DOMContentLoaded', show);
    }
  }

  var reduce = win.matchMedia ? win.matchMedia('(prefers-reduced-motion: reduce)') : null;
  var host = doc.createElement(TAG);
  var root = host.attachShadow({mode: 'open'});
  var instance = {host: host, close: null, pause: null};
  ns.instances[CONFIG.id] = instance;

  // Layout state, in CSS pixels of the layout viewport.
  var x = 0;
  var y = 0;
  var vx = 0;
  var vy = 0;
  var w = CONFIG.width;
  var h = CONFIG.height + BAR;
  var last = 0;
  var frame = 0;
  var hovered = false;
  var focused = false;
  var userPaused = false;
  var mounted = false;
  // The compositor moves the box (Web Animations on transform only, one element per axis), so the host page's
  // main thread does no work per frame; requestAnimationFrame is the fallback where element.animate is missing.
  var animX = null;
  var animY = null;
  var spanX = 0;
  var spanY = 0;

  function el(tag, cls) {
    var node = doc.createElement(tag);
    if (cls) {
      node.className = cls;
    }
    return node;
  }

  function button(cls, label) {
    var node = el('button', cls);
    node.type = 'button';
    label(node);
    return node;
  }

  // The visible text is the accessible name, so speech users can say what they see.
  function labelled(text) {
    return function (node) {
      node.textContent = text;
      node.setAttribute('aria-label', text);
    };
  }

  var box = el('aside', 'b');
  box.setAttribute('aria-label', CONFIG.label + '飘窗');
  var link = el('a', 'l');
  link.href = CONFIG.link;
  link.target = '_blank';
  link.rel = 'noopener';
  var img = el('img');
  img.alt = CONFIG.alt;
  img.width = CONFIG.width;
  img.height = CONFIG.height;
  img.decoding = 'async';
  img.draggable = false;
  // srcset before src, so a 2x screen does not fetch the 1x image first.
  img.srcset = fileUrl(CONFIG.image2x) + ' 2x';
  img.src = fileUrl(CONFIG.image);
  var pauseLabel = labelled('暂停');
  var resumeLabel = labelled('继续');
  var pauseButton = button('p', pauseLabel);
  var closeButton = button('c', labelled('关闭'));
  var bar = el('div', 'bar');
  bar.appendChild(pauseButton);
  bar.appendChild(closeButton);
  link.appendChild(img);
  box.appendChild(bar);
  box.appendChild(link);
  // mover carries the horizontal movement, box inside it the vertical one.
  var mover = el('div', 'm');
  mover.appendChild(box);
  var composited = typeof mover.animate === 'function';

  // The viewport that position: fixed uses. Old CMS pages often lack a doctype;
  // in quirks mode the body, not the root element, reports the viewport size.
  function viewport() {
    var r = doc.compatMode === 'BackCompat' ? doc.body : doc.documentElement;
    return {
      w: (r && r.clientWidth) || win.innerWidth || 0,
      h: (r && r.clientHeight) || win.innerHeight || 0
    };
  }

  function moving() {
    return speed > 0 && !pinned && !(reduce && reduce.matches);
  }

  function running() {
    return mounted && moving() && !hovered && !focused && !userPaused && doc.visibilityState !== 'hidden';
  }

  // Inline transforms through the CSSOM (a strict CSP allows that), inside the shadow root.
  function place() {
    mover.style.transform = 'translate(' + Math.round(x) + 'px,0)';
    box.style.transform = 'translate(0,' + Math.round(y) + 'px)';
  }

  // One axis: from 0 to span and back, for ever, started at the box's position and direction.
  function axis(node, name, from, span, velocity) {
    var rate = Math.abs(velocity);
    if (span < 1 || !rate) {
      return null;
    }
    var half = span / rate * 1000;
    var anim = node.animate(
      [{transform: 'translate' + name + '(0px)'}, {transform: 'translate' + name + '(' + span + 'px)'}],
      {duration: half, iterations: Infinity, direction: 'alternate', easing: 'linear'}
    );
    var t = Math.max(0, Math.min(from, span)) / span * half;
    anim.currentTime = velocity >= 0 ? t : 2 * half - t;
    return anim;
  }

  // Where an axis animation has got to: [position, direction].
  function where(anim, span, velocity) {
    var half = span / Math.abs(velocity) * 1000;
    var t = (anim.currentTime || 0) % (2 * half);
    return t <= half ? [t / half * span, 1] : [(2 * half - t) / half * span, -1];
  }

  function settle() {
    var at;
    if (animX) {
      at = where(animX, spanX, vx);
      x = at[0];
      vx = at[1] * Math.abs(vx);
      animX.cancel();
    }
    if (animY) {
      at = where(animY, spanY, vy);
      y = at[0];
      vy = at[1] * Math.abs(vy);
      animY.cancel();
    }
    animX = null;
    animY = null;
    place();
  }

  function animate() {
    var v = viewport();
    spanX = Math.max(0, v.w - w);
    spanY = Math.max(0, v.h - h);
    animX = axis(mover, 'X', x, spanX, vx);
    animY = axis(box, 'Y', y, spanY, vy);
    mover.style.transform = animX ? 'none' : 'translate(' + Math.round(x) + 'px,0)';
    box.style.transform = animY ? 'none' : 'translate(0,' + Math.round(y) + 'px)';
  }

  // Shrink on small screens so that two banners always fit side by side and
  // one above the other, which keeps them apart whatever corners they take.
  // w and h are the whole box: the image plus the bar above it.
  function resize() {
    var v = viewport();
    var scale = Math.min(1, (v.w - 3 * MARGIN) / 2 / CONFIG.width,
      ((v.h - 3 * MARGIN) / 2 - BAR) / CONFIG.height);
    scale = Math.max(scale, 0.3);
    w = Math.round(CONFIG.width * scale);
    h = Math.round(CONFIG.height * scale) + BAR;
    host.style.setProperty('--sxb-w', w + 'px');
    host.style.setProperty('--sxb-h', h + 'px');
    return v;
  }

  function toCorner() {
    settle();
    var v = resize();
    x = corner.indexOf('left') >= 0 ? MARGIN : v.w - w - MARGIN;
    y = corner.indexOf('top') >= 0 ? MARGIN : v.h - h - MARGIN;
    place();
  }

  // Keep the box inside the viewport, turning the velocity away from the edge it met.
  function bounce() {
    var v = viewport();
    var maxX = Math.max(0, v.w - w);
    var maxY = Math.max(0, v.h - h);
    if (x <= 0) {
      x = 0;
      vx = Math.abs(vx);
    } else if (x >= maxX) {
      x = maxX;
      vx = -Math.abs(vx);
    }
    if (y <= 0) {
      y = 0;
      vy = Math.abs(vy);
    } else if (y >= maxY) {
      y = maxY;
      vy = -Math.abs(vy);
    }
  }

  function step(now) {
    frame = 0;
    if (!running()) {
      return;
    }
    // Cap the time step so a backgrounded tab does not make the banner jump.
    var dt = last ? Math.min((now - last) / 1000, 0.05) : 0;
    last = now;
    x += vx * dt;
    y += vy * dt;
    bounce();
    place();
    frame = win.requestAnimationFrame(step);
  }

  function update() {
    pauseButton.hidden = !moving();
    if (composited) {
      if (running() && !animX && !animY) {
        animate();
      } else if (running()) {
        (animX || animY).play();
        (animY || animX).play();
      } else if (animX || animY) {
        (animX || animY).pause();
        (animY || animX).pause();
      }
      return;
    }
    if (running()) {
      if (!frame) {
        last = 0;
        frame = win.requestAnimationFrame(step);
      }
    } else if (frame) {
      win.cancelAnimationFrame(frame);
      frame = 0;
    }
  }

  function onResize() {
    if (moving()) {
      settle();
      resize();
      bounce();
      place();
      update();
    } else {
      toCorner();
    }
  }

  function onMotionChange() {
    if (!moving()) {
      toCorner();
    }
    update();
  }

  function setHovered(value) {
    return function () {
      hovered = value;
      update();
    };
  }

  function setFocused(value) {
    return function () {
      focused = value;
      update();
    };
  }

  function listenMotion(add) {
    if (!reduce) {
      return;
    }
    if (reduce.addEventListener) {
      reduce[add ? 'addEventListener' : 'removeEventListener']('change', onMotionChange);
    } else if (reduce.addListener) {
      reduce[add ? 'addListener' : 'removeListener'](onMotionChange);
    }
  }

  function close(remember) {
    settle();
    if (frame) {
      win.cancelAnimationFrame(frame);
      frame = 0;
    }
    mounted = false;
    win.removeEventListener('resize', onResize);
    doc.removeEventListener('visibilitychange', update);
    listenMotion(false);
    if (host.parentNode) {
      host.parentNode.removeChild(host);
    }
    if (ns.corners[corner] === CONFIG.id) {
      delete ns.corners[corner];
    }
    delete ns.instances[CONFIG.id];
    if (remember) {
      rememberClosed();
    }
  }

  function setPaused(value) {
    userPaused = !!value;
    (userPaused ? resumeLabel : pauseLabel)(pauseButton);
    update();
  }

  // Take the requested corner unless the other column's banner already has it;
  // then the diagonally opposite one, then any free corner.
  function claimCorner() {
    var start = 0;
    for (var i = 0; i < CORNERS.length; i += 1) {
      if (CORNERS[i] === corner) {
        start = i;
      }
    }
    var order = [0, 2, 1, 3];
    for (var k = 0; k < order.length; k += 1) {
      var candidate = CORNERS[(start + order[k]) % CORNERS.length];
      if (!ns.corners[candidate]) {
        corner = candidate;
        break;
      }
    }
    ns.corners[corner] = CONFIG.id;
  }

  function start() {
    var v = resize();
    var angle = 0.6;
    toCorner();
    // Drift away from the corner, on a slant so the path covers the screen.
    vx = speed * Math.cos(angle) * (x > v.w / 2 - w / 2 ? -1 : 1);
    vy = speed * Math.sin(angle) * (y > v.h / 2 - h / 2 ? -1 : 1);
    host.style.removeProperty('display');
    mounted = true;
    update();
  }

  function styled(done) {
    var sheet = null;
    try {
      if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CONFIG.css);
      }
    } catch (e) {
      sheet = null;
    }
    if (sheet) {
      root.adoptedStyleSheets = [sheet];
      root.appendChild(mover);
      done();
      return;
    }
    // Older engines: a stylesheet file next to this script; keep the host hidden
    // until it has loaded so the unstyled markup never shows.
    var css = el('link');
    css.rel = 'stylesheet';
    css.href = fileUrl(CONFIG.stylesheet);
    css.addEventListener('load', done);
    css.addEventListener('error', function () {
      close(false);
    });
    root.appendChild(css);
    root.appendChild(mover);
  }

  function mount() {
    if (ns.instances[CONFIG.id] !== instance) {
      return;
    }
    claimCorner();
    host.style.setProperty('display', 'none', 'important');
    host.addEventListener('mouseenter', setHovered(true));
    host.addEventListener('mouseleave', setHovered(false));
    host.addEventListener('focusin', setFocused(true));
    host.addEventListener('focusout', setFocused(false));
    closeButton.addEventListener('click', function () {
      close(true);
    });
    pauseButton.addEventListener('click', function () {
      setPaused(!userPaused);
    });
    // A banner whose image cannot load would float as an empty box; drop it.
    img.addEventListener('error', function () {
      close(false);
    });
    win.addEventListener('resize', onResize);
    // A hidden tab: stop moving (the compositor would idle anyway; the fallback's frames would not).
    doc.addEventListener('visibilitychange', update);
    listenMotion(true);
    styled(start);
    doc.body.appendChild(host);
  }

  instance.close = function () {
    close(true);
  };
  instance.pause = setPaused;

  // An async script in <head> may run before <body> exists.
  if (doc.body) {
    mount();
  } else {
    doc.addEventListener('DOMContentLoaded', mount);
  }
}());
