// The SpeedTrade dashboard: plain JavaScript, no build step, no framework, nothing fetched from
// elsewhere. Every call carries the signed-in client's bearer token (kept in sessionStorage, so it
// goes with the tab). Server data is only ever written with textContent or attributes, never as
// HTML. Amounts are shown as the strings the server sends; the page does no money arithmetic.
'use strict';

(function () {
  const TOKEN_KEY = 'speedtrade.token';
  const SVG = 'http://www.w3.org/2000/svg';
  let socket = null;
  let socketRetry = null;
  let bots = [];

  const $ = (id) => document.getElementById(id);

  // ------------------------------------------------------------------ DOM building

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, String(value));
      }
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : text(child));
    }
    return node;
  }

  function svg(tag, attrs, content) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      node.setAttribute(name, String(value));
    }
    if (content !== undefined) {
      node.textContent = content;
    }
    return node;
  }

  /** A value as text: null or absent as a dash. */
  function text(value) {
    return value === null || value === undefined || value === '' ? '–' : String(value);
  }

  function time(value) {
    return value ? String(value).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–';
  }

  function fill(tbody, rows, emptyText, columns) {
    tbody.replaceChildren(...rows);
    if (rows.length === 0) {
      tbody.append(el('tr', { class: 'empty' }, el('td', { colspan: columns }, emptyText)));
    }
  }

  function say(id, message, kind) {
    const node = $(id);
    node.textContent = message || '';
    node.className = 'message' + (kind ? ' ' + kind : '');
  }

  /** A failed call's message: the server's {"code","message"}, or what went wrong on the way. */
  function describe(error) {
    if (error instanceof ApiError) {
      return error.code + ': ' + error.message;
    }
    return 'the request failed: ' + (error && error.message ? error.message : String(error));
  }

  // ------------------------------------------------------------------ HTTP

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function call(method, path, body) {
    const headers = { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) };
    const init = { method, headers, cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const type = response.headers.get('Content-Type') || '';
    const payload = type.includes('application/json') ? await response.json() : await response.blob();
    if (!response.ok) {
      const code = payload && payload.code ? payload.code : 'HTTP_' + response.status;
      const message = payload && payload.message ? payload.message : response.statusText;
      if (response.status === 401) {
        signOut('Signed out: ' + message);
      }
      throw new ApiError(response.status, code, message);
    }
    return payload;
  }

  /** Runs a load; its failure goes to the banner instead of stopping the others. */
  async function guarded(what, load) {
    try {
      await load();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) {
        showBanner(what + ' – ' + describe(error));
      }
    }
  }

  function showBanner(message) {
    const banner = $('banner');
    const line = el('span', { class: 'banner-line' }, message);
    banner.append(line);
  }

  // ------------------------------------------------------------------ sign in and out

  async function signIn(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    say('signin-error', '');
    try {
      await loadDashboard();
    } catch (error) {
      sessionStorage.removeItem(TOKEN_KEY);
      say('signin-error', describe(error), 'error');
      return;
    }
    $('signin').hidden = true;
    $('app').hidden = false;
    $('signout').hidden = false;
    $('refresh').hidden = false;
    await Promise.all([
      guarded('bots', loadBots),
      guarded('settings', loadSettings),
      refreshRest(),
    ]);
    connectLive();
  }

  function signOut(reason) {
    sessionStorage.removeItem(TOKEN_KEY);
    disconnectLive();
    $('app').hidden = true;
    $('signin').hidden = false;
    $('signout').hidden = true;
    $('refresh').hidden = true;
    $('client-id').textContent = '';
    $('token').value = '';
    say('signin-error', reason || '', reason ? 'error' : '');
  }

  async function refreshAll() {
    $('banner').replaceChildren();
    await Promise.all([guarded('portfolio', loadDashboard), refreshRest()]);
  }

  function refreshRest() {
    return Promise.all([
      guarded('paper investments', () => loadInvestments('paper')),
      guarded('live investments', () => loadInvestments('live')),
      guarded('execution log', loadExecutions),
      guarded('deposits', loadDeposits),
      guarded('withdrawals', loadWithdrawals),
      guarded('orders', loadOrders),
    ]);
  }

  // ------------------------------------------------------------------ portfolio

  async function loadDashboard() {
    const d = await call('GET', '/v1/dashboard');
    $('client-id').textContent = d.clientId;
    const p = d.portfolio || {};
    $('pf-cash').textContent = text(p.cash);
    $('pf-buying-power').textContent = text(p.buyingPower);
    $('pf-withdrawable').textContent = text(d.saldo_retirable);
    $('pf-market-value').textContent = text(p.marketValue);
    $('pf-equity').textContent = text(p.equity);
    setPnl($('pf-unrealized'), p.unrealizedPnl);
    setPnl($('pf-realized'), p.realizedPnl);
    const rows = (d.positions || []).map((pos) =>
      el('tr', { 'data-symbol': pos.symbol },
        el('td', { class: 'sym' }, pos.symbol), el('td', { class: 'num' }, pos.netQty),
        el('td', { class: 'num' }, pos.avgPx), el('td', { class: 'num' }, pos.mark),
        el('td', { class: 'num' }, pos.marketValue), pnlCell(pos.unrealizedPnl), pnlCell(pos.realizedPnl)));
    fill($('positions-body'), rows, 'No positions yet.', 7);
  }

  /** Colours a P&L by the sign of its string: no arithmetic. */
  function setPnl(node, value) {
    node.textContent = text(value);
    node.classList.toggle('up', typeof value === 'string' && /^[0-9.]+$/.test(value) && /[1-9]/.test(value));
    node.classList.toggle('down', typeof value === 'string' && value.startsWith('-'));
  }

  function pnlCell(value) {
    const cell = el('td', { class: 'num pnl' });
    setPnl(cell, value);
    return cell;
  }

  // ------------------------------------------------------------------ deposits and withdrawals

  async function deposit(event) {
    event.preventDefault();
    say('deposit-message', 'Creating the deposit…');
    try {
      const d = await call('POST', '/deposit', { amount: $('deposit-amount').value.trim() });
      const node = $('deposit-message');
      node.className = 'message ok';
      node.replaceChildren(text('Deposit ' + d.id + ' of ' + d.amount + ' is ' + d.status + '. '));
      if (typeof d.payUrl === 'string' && /^https?:\/\//.test(d.payUrl)) {
        node.append(el('a', { href: d.payUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Pay here'));
        node.append(text(' (credited once the payment provider confirms it).'));
      }
      $('deposit-amount').value = '';
      await Promise.all([guarded('deposits', loadDeposits), guarded('portfolio', loadDashboard)]);
    } catch (error) {
      say('deposit-message', describe(error), 'error');
    }
  }

  async function withdraw(event) {
    event.preventDefault();
    const type = $('withdraw-type').value;
    const to = $('withdraw-destination').value.trim();
    const destination = type === 'card' ? { type, last4: to } : { type, clabe: to };
    say('withdraw-message', 'Sending the withdrawal…');
    try {
      const w = await call('POST', '/withdraw', {
        amount: $('withdraw-amount').value.trim(),
        destination,
        mode: $('withdraw-mode').value,
      });
      say('withdraw-message',
        'Withdrawal ' + w.id + ': ' + w.status + ', ' + w.net + ' to ' + w.destination + ' (fee ' + w.fee + ').', 'ok');
      $('withdraw-amount').value = '';
      await Promise.all([guarded('withdrawals', loadWithdrawals), guarded('portfolio', loadDashboard)]);
    } catch (error) {
      say('withdraw-message', describe(error), 'error');
    }
  }

  async function loadDeposits() {
    const d = await call('GET', '/v1/deposits');
    const rows = d.deposits.slice().reverse().map((dep) =>
      el('tr', { 'data-deposit-id': dep.id, 'data-status': dep.status },
        el('td', { class: 'id' }, dep.id), el('td', { class: 'num' }, dep.amount),
        el('td', {}, badge(dep.status)), el('td', {}, time(dep.createdAt))));
    fill($('deposits-body'), rows, 'No deposits yet.', 4);
  }

  async function loadWithdrawals() {
    const d = await call('GET', '/v1/withdrawals');
    const rows = d.withdrawals.slice().reverse().map((w) => {
      const receipt = el('button', { type: 'button', class: 'link' }, 'Receipt');
      receipt.addEventListener('click', () => openReceipt(w.id));
      return el('tr', { 'data-withdrawal-id': w.id, 'data-status': w.status },
        el('td', { class: 'id' }, w.id), el('td', { class: 'num' }, w.amount),
        el('td', { class: 'num' }, w.fee), el('td', { class: 'num' }, w.net),
        el('td', {}, w.destination), el('td', {}, badge(w.status)), el('td', {}, receipt));
    });
    fill($('withdrawals-body'), rows, 'No withdrawals yet.', 7);
  }

  async function openReceipt(id) {
    try {
      const pdf = await call('GET', '/v1/withdrawals/' + encodeURIComponent(id) + '/receipt');
      const url = URL.createObjectURL(pdf);
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (error) {
      say('withdraw-message', describe(error), 'error');
    }
  }

  function badge(status) {
    return el('span', { class: 'badge s-' + String(status).toLowerCase() }, status);
  }

  // ------------------------------------------------------------------ bot investments

  async function loadBots() {
    const d = await call('GET', '/api/admin/trading/bots');
    bots = d.bots || [];
    const select = $('inv-bot');
    select.replaceChildren(...bots.map((bot) =>
      el('option', { value: bot.id, 'data-symbols': (bot.symbols || []).join(',') },
        bot.name + ' (' + (bot.symbols || []).join(', ') + ')')));
  }

  function botName(id) {
    const bot = bots.find((b) => b.id === id);
    return bot ? bot.name : id;
  }

  async function loadInvestments(mode) {
    const d = await call('GET', '/api/admin/trading/investments?mode=' + mode);
    const rows = (d.investments || []).map((inv) => {
      const edit = el('button', { type: 'button', class: 'link', 'data-action': 'edit' }, 'Change');
      edit.addEventListener('click', () => {
        $('inv-bot').value = inv.botId;
        $('inv-amount').value = inv.amount;
        $('inv-weight-mode').value = inv.weightMode;
        $('inv-mode').value = inv.mode;
        $('inv-amount').focus();
      });
      const remove = el('button', { type: 'button', class: 'link danger-link', 'data-action': 'remove' }, 'Remove');
      remove.addEventListener('click', () => removeInvestment(inv.botId, inv.mode));
      return el('tr', { 'data-testid': 'investment-row', 'data-bot-id': inv.botId, 'data-mode': inv.mode },
        el('td', { title: 'updated ' + time(inv.updatedAt) }, botName(inv.botId)),
        el('td', { class: 'num' }, inv.amount), el('td', {}, inv.weightMode),
        el('td', { class: 'actions' }, edit, remove));
    });
    fill($('investments-' + mode), rows, 'None.', 4);
  }

  async function saveInvestment(event) {
    event.preventDefault();
    const mode = $('inv-mode').value;
    try {
      const inv = await call('POST', '/api/admin/trading/investments', {
        botId: $('inv-bot').value,
        amount: $('inv-amount').value.trim(),
        weightMode: $('inv-weight-mode').value,
        mode,
      });
      say('investment-message', botName(inv.botId) + ': ' + inv.amount + ' (' + inv.weightMode + ', ' + inv.mode + ') saved.', 'ok');
      $('inv-amount').value = '';
      await guarded(mode + ' investments', () => loadInvestments(mode));
    } catch (error) {
      say('investment-message', describe(error), 'error');
    }
  }

  async function removeInvestment(botId, mode) {
    try {
      await call('DELETE', '/api/admin/trading/investments/' + encodeURIComponent(botId) + '?mode=' + mode);
      say('investment-message', botName(botId) + ' removed from ' + mode + '.', 'ok');
      await guarded(mode + ' investments', () => loadInvestments(mode));
    } catch (error) {
      say('investment-message', describe(error), 'error');
    }
  }

  // ------------------------------------------------------------------ settings

  async function loadSettings() {
    showSettings(await call('GET', '/api/admin/trading/settings'));
  }

  function showSettings(s) {
    $('set-order-type').value = s.orderType;
    $('set-limit-percent').value = s.limitPercent ?? '';
    $('set-fallback').value = s.fallbackTicker ?? '';
    $('set-reserve-mode').value = s.cashReserveMode;
    $('set-reserve-amount').value = s.cashReserveAmount ?? '';
    $('set-minutes').value = s.minutesBeforeClose ?? '';
    $('set-pairs').value = (s.pairedTickers || []).map((pair) => pair.join(':')).join(', ');
    $('set-enabled').checked = s.enabled === true;
  }

  async function saveSettings(event) {
    event.preventDefault();
    const minutes = $('set-minutes').value.trim();
    const pairs = $('set-pairs').value.split(',').map((p) => p.trim()).filter((p) => p)
      .map((p) => p.split(':').map((t) => t.trim()));
    const body = {
      orderType: $('set-order-type').value,
      limitPercent: $('set-limit-percent').value.trim(),
      fallbackTicker: $('set-fallback').value.trim(),
      cashReserveMode: $('set-reserve-mode').value,
      cashReserveAmount: $('set-reserve-amount').value.trim(),
      // a count of minutes, sent as the JSON number the contract shows; a malformed one goes as
      // typed, so that the server names it in its 400
      minutesBeforeClose: /^\d{1,4}$/.test(minutes) ? Number(minutes) : minutes,
      pairedTickers: pairs,
      enabled: $('set-enabled').checked,
    };
    try {
      showSettings(await call('POST', '/api/admin/trading/settings', body));
      say('settings-message', 'Settings saved.', 'ok');
    } catch (error) {
      say('settings-message', describe(error), 'error');
    }
  }

  // ------------------------------------------------------------------ execute and the plan

  async function execute(dryRun) {
    const mode = $('exec-mode').value;
    if (!dryRun && !window.confirm('Execute the ' + mode + ' plan now? Orders will be placed.')) {
      return;
    }
    say('exec-message', dryRun ? 'Planning…' : 'Executing…');
    try {
      const plan = await call('POST', '/api/admin/trading/execute?mode=' + mode + '&dryRun=' + dryRun);
      showPlan(plan);
      say('exec-message', (plan.dryRun ? 'Dry run' : 'Run') + ' ' + plan.status + ' (' + plan.mode + ').', 'ok');
      await Promise.all([guarded('execution log', loadExecutions), guarded('orders', loadOrders)]);
    } catch (error) {
      say('exec-message', describe(error), 'error');
    }
  }

  function showPlan(plan) {
    $('plan').hidden = false;
    $('plan-summary').textContent = (plan.dryRun ? 'Preview' : 'Executed') + ' · ' + plan.mode +
      ' · market date ' + text(plan.marketDate) + ' · ' + plan.status;
    drawChart($('plan-chart'), plan.targets || []);
    const orders = (plan.orders || []).map((o) =>
      el('tr', { 'data-symbol': o.symbol },
        el('td', { class: 'sym' }, o.symbol), el('td', {}, badge(o.side)), el('td', { class: 'num' }, o.qty),
        el('td', {}, o.orderType), el('td', { class: 'num' }, o.limitPrice), el('td', {}, o.status)));
    fill($('plan-orders'), orders, 'No orders: the holdings are on target.', 6);
    const notes = [];
    for (const w of plan.warnings || []) {
      notes.push(el('li', { class: 'warning' }, w.code + ': ' + w.message));
    }
    for (const e of plan.errors || []) {
      notes.push(el('li', { class: 'error' }, (e.code || 'ERROR') + ': ' + (e.message || '')));
    }
    $('plan-notes').replaceChildren(...notes);
  }

  /**
   * The current against the target weight of each symbol, as horizontal bars. parseFloat of a
   * weight is used for the bars' geometry only (how many pixels wide); every number shown is the
   * server's string.
   */
  function drawChart(container, targets) {
    const labelWidth = 70;
    const barSpace = 360;
    const valueWidth = 150;
    const rowHeight = 44;
    const top = 28;
    const width = labelWidth + barSpace + valueWidth;
    const height = top + Math.max(targets.length, 1) * rowHeight + 8;
    const weights = targets.flatMap((t) => [parseFloat(t.currentWeight), parseFloat(t.targetWeight)])
      .filter((w) => Number.isFinite(w));
    const scale = Math.max(0.0001, ...weights);
    const chart = svg('svg', {
      viewBox: '0 0 ' + width + ' ' + height, width, height, role: 'img',
      'aria-label': 'current and target weight per symbol', 'data-testid': 'weights-chart',
    });
    chart.append(svg('rect', { x: labelWidth, y: 6, width: 12, height: 12, class: 'bar-current' }));
    chart.append(svg('text', { x: labelWidth + 18, y: 16, class: 'legend' }, 'current'));
    chart.append(svg('rect', { x: labelWidth + 90, y: 6, width: 12, height: 12, class: 'bar-target' }));
    chart.append(svg('text', { x: labelWidth + 108, y: 16, class: 'legend' }, 'target'));
    targets.forEach((t, i) => {
      const y = top + i * rowHeight;
      const row = svg('g', { 'data-testid': 'chart-row', 'data-symbol': t.symbol });
      row.append(svg('text', { x: 0, y: y + 22, class: 'symbol' }, t.symbol));
      const bar = (weight, dy, kind) => {
        const w = parseFloat(weight);
        const px = Number.isFinite(w) && w > 0 ? Math.max(1, (w / scale) * barSpace) : 0;
        row.append(svg('rect', {
          x: labelWidth, y: y + dy, width: px.toFixed(1), height: 16, rx: 3,
          class: 'bar-' + kind, 'data-kind': kind, 'data-weight': text(weight),
        }));
        row.append(svg('text', { x: labelWidth + px + 6, y: y + dy + 13, class: 'weight' },
          text(weight) + (kind === 'target' ? '  (' + text(t.targetValue) + ')' : '  (' + text(t.currentValue) + ')')));
      };
      bar(t.currentWeight, 2, 'current');
      bar(t.targetWeight, 20, 'target');
      chart.append(row);
    });
    if (targets.length === 0) {
      chart.append(svg('text', { x: labelWidth, y: top + 22, class: 'legend' }, 'Nothing held or targeted.'));
    }
    container.replaceChildren(chart);
  }

  async function loadExecutions() {
    const mode = $('exec-mode').value;
    const d = await call('GET', '/api/admin/trading/executions?mode=' + mode);
    const rows = (d.executions || []).map((x) =>
      el('tr', { 'data-testid': 'execution-row', 'data-execution-id': x.id, 'data-dry-run': x.dryRun },
        el('td', {}, time(x.startedAt)), el('td', {}, x.mode), el('td', {}, x.dryRun ? 'dry run' : 'executed'),
        el('td', {}, badge(x.status)), el('td', {}, x.marketDate),
        el('td', { class: 'num' }, (x.orders || []).length), el('td', { class: 'num' }, (x.errors || []).length)));
    fill($('executions-body'), rows, 'No executions in ' + mode + ' yet.', 7);
  }

  // ------------------------------------------------------------------ orders, live

  async function loadOrders() {
    const orders = await call('GET', '/orders');
    const body = $('orders-body');
    body.replaceChildren();
    orders.slice().reverse().forEach((o) => upsertOrder(o, false));
    if (orders.length === 0) {
      body.append(el('tr', { class: 'empty' }, el('td', { colspan: 9 }, 'No orders yet.')));
    }
  }

  function upsertOrder(o, live) {
    const body = $('orders-body');
    const row = el('tr', { 'data-order-id': o.id, 'data-status': o.status, 'data-testid': 'order-row' },
      el('td', { class: 'id' }, o.id), el('td', { class: 'sym' }, o.symbol), el('td', {}, badge(o.side)),
      el('td', {}, o.type), el('td', { class: 'num' }, o.qty !== null ? o.qty : o.notional),
      el('td', { class: 'num' }, o.filledQty), el('td', { class: 'num' }, o.avgPx),
      el('td', {}, badge(o.status)), el('td', {}, time(o.updatedAt)));
    const existing = Array.from(body.rows).find((r) => r.getAttribute('data-order-id') === o.id);
    const empty = body.querySelector('tr.empty');
    if (empty) {
      empty.remove();
    }
    if (existing) {
      existing.replaceWith(row);
    } else {
      body.prepend(row);
    }
    if (live) {
      row.classList.add('flash');
    }
  }

  function setLive(state, detail) {
    const node = $('live-status');
    node.setAttribute('data-state', state);
    node.textContent = 'live updates: ' + state;
    node.title = detail || '';
  }

  /** The order events websocket; when it is not there (or fails) the page works without it. */
  function connectLive() {
    disconnectLive();
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token || !('WebSocket' in window)) {
      setLive('off', 'no websocket');
      return;
    }
    let ready = false;
    setLive('connecting');
    const url = (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + '/ws/orders';
    try {
      socket = new WebSocket(url);
    } catch (error) {
      setLive('off', String(error));
      return;
    }
    const ws = socket;
    // browsers cannot set headers on the upgrade: the token goes as the first message
    ws.addEventListener('open', () => ws.send(JSON.stringify({ token })));
    ws.addEventListener('message', (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (message.type === 'ready') {
        ready = true;
        setLive('on', 'as ' + message.clientId);
      } else if (message.type === 'order' && message.order) {
        upsertOrder(message.order, true);
      }
    });
    ws.addEventListener('close', (event) => {
      if (socket !== ws) {
        return;
      }
      socket = null;
      setLive('off', 'closed ' + event.code + (event.reason ? ' ' + event.reason : ''));
      // reconnect only a socket that worked (a dropped connection), not a refused one
      if (ready && event.code !== 4401 && sessionStorage.getItem(TOKEN_KEY)) {
        socketRetry = setTimeout(connectLive, 3000);
      }
    });
  }

  function disconnectLive() {
    clearTimeout(socketRetry);
    const ws = socket;
    socket = null;
    if (ws) {
      ws.close();
    }
    setLive('off');
  }

  // ------------------------------------------------------------------ wiring

  document.addEventListener('DOMContentLoaded', () => {
    $('signin-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('token').value.trim();
      if (token) {
        signIn(token);
      }
    });
    $('signout').addEventListener('click', () => signOut());
    $('refresh').addEventListener('click', () => refreshAll());
    $('deposit-form').addEventListener('submit', deposit);
    $('withdraw-form').addEventListener('submit', withdraw);
    $('withdraw-type').addEventListener('change', () => {
      $('withdraw-destination').placeholder = $('withdraw-type').value === 'card' ? 'last 4 digits' : '18-digit CLABE';
    });
    $('investment-form').addEventListener('submit', saveInvestment);
    $('settings-form').addEventListener('submit', saveSettings);
    $('exec-preview').addEventListener('click', () => execute(true));
    $('exec-run').addEventListener('click', () => execute(false));
    $('exec-mode').addEventListener('change', () => guarded('execution log', loadExecutions));
    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) {
      signIn(saved);
    }
  });
})();
