// The query page: number -> code by SMS -> the card. Plain DOM, text only (never innerHTML): nothing the
// server or the user sends can become markup. The session cookie is HttpOnly: this script never sees it.
'use strict';

(function () {
  var $ = function (id) { return document.getElementById(id); };
  var NUMBER = /^1[3-9]\d{9}$/;
  var timer = null;

  var TEXTS = {
    new_account: '经核验，您所使用的手机号码开户时间较短，暂不提供行程查询服务。新开卡的用户满7天后才能使用行程查询服务。',
    no_data: '暂未查询到您的行程信息。请多打几通电话，或关闭Wi-Fi使用一下数据流量，通常第二天即可查到。',
    unavailable: '行程查询服务繁忙，请稍后再试。',
    ported: '您是“携号转网”用户，行程信息的计算会有1-2天的延迟。',
    virtual_operator: '虚拟运营商手机号查询不完全支持，不保证查询结果的准确性。',
    risk: '*表示当前该城市存在中风险或高风险地区，并不表示用户实际到访过这些中高风险地区。'
  };

  function api(method, path, body) {
    var init = { method: method, credentials: 'same-origin', headers: {} };
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      return r.text().then(function (t) {
        var json = null;
        try { json = t ? JSON.parse(t) : null; } catch (e) { json = null; }
        return { status: r.status, body: json, retryAfter: parseInt(r.headers.get('Retry-After') || '0', 10) };
      });
    });
  }

  function say(text, ok) {
    var m = $('login-msg');
    m.textContent = text;
    m.className = ok ? 'msg ok' : 'msg';
  }

  function countdown(seconds) {
    var b = $('get-code');
    clearInterval(timer);
    var left = seconds;
    b.disabled = true;
    b.textContent = '重新获取(' + left + 's)';
    timer = setInterval(function () {
      left -= 1;
      if (left <= 0) {
        clearInterval(timer);
        b.disabled = false;
        b.textContent = '获取验证码';
      } else {
        b.textContent = '重新获取(' + left + 's)';
      }
    }, 1000);
  }

  function number() {
    return $('msisdn').value.replace(/\s+/g, '');
  }

  function askCode() {
    var n = number();
    if (!NUMBER.test(n)) {
      say('请输入正确的11位手机号码');
      $('msisdn').focus();
      return;
    }
    $('get-code').disabled = true;
    api('POST', '/api/v1/codes', { msisdn: n }).then(function (r) {
      if (r.status === 202) {
        say('验证码已发送，请注意查收短信', true);
        countdown(60);
        $('code').focus();
      } else if (r.status === 429) {
        say('获取验证码过于频繁，请' + (r.retryAfter || 60) + '秒后再试');
        countdown(Math.min(r.retryAfter || 60, 3600));
      } else if (r.status === 400) {
        say('请输入正确的11位手机号码');
        $('get-code').disabled = false;
      } else {
        say('服务繁忙，请稍后再试');
        $('get-code').disabled = false;
      }
    }, function () {
      say('网络异常，请检查网络后重试');
      $('get-code').disabled = false;
    });
  }

  function query(e) {
    e.preventDefault();
    var n = number();
    var c = $('code').value.trim();
    if (!NUMBER.test(n)) { say('请输入正确的11位手机号码'); $('msisdn').focus(); return; }
    if (c === '' && !$('get-code').disabled) {
      askCode(); // Enter in the number field with no code yet: the code is what the person wants next
      return;
    }
    if (!/^\d{6}$/.test(c)) { say('请输入6位短信验证码'); $('code').focus(); return; }
    $('query').disabled = true;
    api('POST', '/api/v1/itinerary', { msisdn: n, code: c }).then(function (r) {
      $('query').disabled = false;
      if (r.status === 200) {
        $('code').value = '';
        say('');
        show(r.body);
      } else if (r.status === 401 && r.body && r.body.error === 'code_dead') {
        say('验证码错误次数过多，请重新获取验证码');
      } else if (r.status === 401) {
        say('验证码错误或已过期，请重新输入');
        $('code').select();
      } else if (r.status === 429) {
        say('请求过于频繁，请稍后再试');
      } else {
        say('服务繁忙，请稍后再试');
      }
    }, function () {
      $('query').disabled = false;
      say('网络异常，请检查网络后重试');
    });
  }

  function day(iso) { // 2026-11-14 -> 11月14日
    var p = iso.split('-');
    return parseInt(p[1], 10) + '月' + parseInt(p[2], 10) + '日';
  }

  function stamp(iso) { // 2026-11-21T08:00+08:00 -> 2026.11.21 08:00
    return iso.slice(0, 10).replace(/-/g, '.') + ' ' + iso.slice(11, 16);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }

  function show(card) {
    $('login').hidden = true;
    $('result').hidden = false;
    $('card-number').textContent = card.msisdn;
    var up = $('card-update');
    up.textContent = card.updateTime ? stamp(card.updateTime) : '—';
    if (card.updateTime) { up.setAttribute('datetime', card.updateTime); }
    var body = $('card-body');
    body.textContent = '';
    var found = card.outcome === 'found';
    $('card').className = found ? 'card' : 'card plain';
    $('card').setAttribute('data-outcome', card.outcome);
    if (found || card.outcome === 'nothing_qualified') {
      var lead = el('p', 'lead');
      lead.appendChild(el('span', 'window', card.from ? day(card.from) + '–' + day(card.to) : ''));
      lead.appendChild(document.createTextNode(found ? ' 您到达或途经：' : ' 您未在任何国内城市连续停留4小时以上'));
      body.appendChild(lead);
      if (found) {
        var ul = el('ul', 'places');
        ul.setAttribute('aria-label', '到达或途经的城市');
        card.places.forEach(function (p) {
          ul.appendChild(el('li', p.risk ? 'risk' : '', p.name + (p.risk ? '*' : '')));
        });
        body.appendChild(ul);
        body.appendChild(el('p', 'lead', '（连续停留4小时以上的城市）'));
      }
      if (card.countries.length) {
        body.appendChild(el('p', 'section-title', '境外国家（地区）'));
        var uc = el('ul', 'places');
        uc.setAttribute('aria-label', '到访的国家和地区');
        card.countries.forEach(function (c) { uc.appendChild(el('li', '', c.name)); });
        body.appendChild(uc);
      }
      if (card.places.some(function (p) { return p.risk; })) {
        body.appendChild(el('p', 'note risk-note', TEXTS.risk));
      }
    } else {
      body.appendChild(el('p', 'outcome', TEXTS[card.outcome] || TEXTS.unavailable));
    }
    (card.notes || []).forEach(function (n) {
      if (TEXTS[n]) { body.appendChild(el('p', 'note', TEXTS[n])); }
    });
    $('card-title').focus && $('card-title').setAttribute('tabindex', '-1');
    $('card-title').focus();
  }

  function showLogin() {
    // Another number may be typed now: its own minute is the server's to count (429 tells the page).
    clearInterval(timer);
    $('get-code').disabled = false;
    $('get-code').textContent = '获取验证码';
    $('result').hidden = true;
    $('login').hidden = false;
    $('msisdn').focus();
  }

  function load() {
    api('GET', '/api/v1/itinerary').then(function (r) {
      if (r.status === 200) { show(r.body); } else { showLogin(); }
    }, showLogin);
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('get-code').addEventListener('click', askCode);
    $('login-form').addEventListener('submit', query);
    $('logout').addEventListener('click', function () {
      // A shared phone: the next person finds an empty form.
      $('msisdn').value = '';
      $('code').value = '';
      say('');
      api('POST', '/api/v1/logout').then(showLogin, showLogin);
    });
    $('refresh').addEventListener('click', load);
    load();
  });
}());
