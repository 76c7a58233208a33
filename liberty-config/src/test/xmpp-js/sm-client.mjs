// @xmpp/client 0.14 (stream management over WebSocket by itself) for StreamManagementXmppJsIT: logs in, sends its
// initial presence, and prints one JSON line per event (online, resumed, message, error). Closing its standard
// input stops it cleanly. Node 20 needs --experimental-websocket.
//
//   node --experimental-websocket sm-client.mjs <service ws://...> <domain> <user> <password> <resource>
import { client, xml } from "@xmpp/client";

const [service, domain, username, password, resource] = process.argv.slice(2);
const xmpp = client({ service, domain, username, password, resource });
const print = (event) => process.stdout.write(JSON.stringify(event) + "\n");

xmpp.reconnect.delay = 500;
xmpp.on("error", (e) => print({ event: "error", message: String(e?.message ?? e) }));
xmpp.on("online", async (jid) => {
  print({ event: "online", jid: jid.toString() });
  await xmpp.send(xml("presence"));
});
xmpp.streamManagement.on("resumed", () => print({ event: "resumed" }));
xmpp.on("nonza", (element) => {
  if (element.attrs.xmlns === "urn:xmpp:sm:3" && !element.is("r") && !element.is("a")) {
    print({ event: "sm", element: element.toString() });
  }
});
xmpp.on("status", (status) => print({ event: "status", status }));
xmpp.on("stanza", (stanza) => {
  if (stanza.is("message") && stanza.getChild("body")) {
    print({ event: "message", id: stanza.attrs.id, body: stanza.getChildText("body") });
  }
});

process.stdin.resume();
process.stdin.on("end", () => {
  xmpp.stop().catch(() => {}).finally(() => process.exit(0));
});

xmpp.start().catch((e) => {
  print({ event: "error", message: String(e?.message ?? e) });
  process.exit(1);
});
