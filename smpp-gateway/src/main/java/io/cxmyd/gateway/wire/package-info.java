/**
 * Bytes to peers, gathered: writes made while a thread works through a batch (a journal commit's responses,
 * the PDUs a reader found buffered, a worker's queued queries) leave in one socket write per connection
 * instead of one per PDU (docs/performance.md, sixth run).
 */
package io.cxmyd.gateway.wire;
