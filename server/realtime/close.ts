/**
 * Completes a closing handshake the client started. 1005 ("no code given"), 1006 and 1015
 * only describe how a connection ended and may not be sent, so those are answered with 1000;
 * echoing them would throw and skip whatever the handler does next.
 */
export function echoClose(socket: WebSocket, code: number, reason: string): void {
  const sendable =
    (code >= 1000 && code <= 1003) ||
    (code >= 1007 && code <= 1014) ||
    (code >= 3000 && code <= 4999);
  socket.close(sendable ? code : 1000, sendable ? reason : "");
}
