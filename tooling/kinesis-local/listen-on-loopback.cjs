'use strict';
// Preloaded into kinesis-local (`node --require`): it listens on 0.0.0.0 with no option to change it,
// so every listen without a host, or on a wildcard one, gets 127.0.0.1 instead.
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const WILDCARDS = new Set([undefined, null, '', '0.0.0.0', '::']);
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof second !== 'string') args.splice(1, 0, LOOPBACK);
    else if (WILDCARDS.has(second)) args[1] = LOOPBACK;
  } else if (
    first !== null &&
    typeof first === 'object' &&
    first.path === undefined &&
    first.fd === undefined &&
    first.handle === undefined &&
    first._handle === undefined &&
    WILDCARDS.has(first.host)
  ) {
    args[0] = { ...first, host: LOOPBACK };
  }
  return listen.apply(this, args);
};
