#!/usr/bin/env python3
"""Generate Tests/FieldMQTTTests/Fixtures/mqtt-capture.jsonl from an independent reference.

Runs a real mosquitto broker (Debian package `mosquitto`) on a loopback port and drives it with
paho-mqtt clients (PyPI `paho-mqtt`, pinned below) over MQTT 3.1, 3.1.1 and 5.0, through a small TCP
proxy that records every packet in both directions. Each recorded packet gets the fields the
reference itself used or decoded:

- client-to-server PUBLISH / CONNECT / SUBSCRIBE / UNSUBSCRIBE: the arguments given to paho, which
  paho encoded;
- server-to-client PUBLISH: the message as paho decoded it (topic, payload, QoS, retain, v5
  properties), i.e. mosquitto encoded it and paho parsed it.

Usage: pip install paho-mqtt==2.1.0; apt-get install -y mosquitto; python3 Scripts/mqtt-fixtures.py
The output is deterministic in content (seeded) but not byte-identical across runs where mosquitto
adds timing-dependent values; the committed file is what the tests read.
"""
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time

import paho.mqtt
import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "FieldMQTTTests", "Fixtures", "mqtt-capture.jsonl")
NAMES = {1: "CONNECT", 2: "CONNACK", 3: "PUBLISH", 4: "PUBACK", 5: "PUBREC", 6: "PUBREL", 7: "PUBCOMP",
         8: "SUBSCRIBE", 9: "SUBACK", 10: "UNSUBSCRIBE", 11: "UNSUBACK", 12: "PINGREQ", 13: "PINGRESP",
         14: "DISCONNECT", 15: "AUTH"}


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Recorder:
    """A TCP proxy that splits each direction into MQTT packets and records them in order."""

    def __init__(self, broker_port):
        self.broker_port = broker_port
        self.port = free_port()
        self.lock = threading.Lock()
        self.packets = []  # (connection index, "c2s"/"s2c", bytes)
        self.connections = 0
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", self.port))
        self.server.listen(16)
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.broker_port))
            with self.lock:
                index = self.connections
                self.connections += 1
            threading.Thread(target=self.pump, args=(client, upstream, index, "c2s"), daemon=True).start()
            threading.Thread(target=self.pump, args=(upstream, client, index, "s2c"), daemon=True).start()

    def pump(self, source, sink, index, direction):
        buffer = b""
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                try:
                    sink.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            buffer += data
            while True:
                length, header = packet_length(buffer)
                if length is None or len(buffer) < header + length:
                    break
                packet, buffer = buffer[:header + length], buffer[header + length:]
                with self.lock:
                    self.packets.append((index, direction, packet))
            sink.sendall(data)


def packet_length(buffer):
    """Remaining length and fixed header size of the packet at the start of buffer, if known."""
    if len(buffer) < 2:
        return None, 0
    value, shift = 0, 0
    for i in range(1, 5):
        if i >= len(buffer):
            return None, 0
        value |= (buffer[i] & 0x7F) << shift
        shift += 7
        if buffer[i] & 0x80 == 0:
            return value, i + 1
    raise ValueError("bad remaining length")


def props_dict(props):
    """The v5 properties paho decoded, as JSON-friendly values."""
    if props is None:
        return {}
    result = {}
    for name in ["PayloadFormatIndicator", "MessageExpiryInterval", "ContentType", "ResponseTopic",
                 "CorrelationData", "SubscriptionIdentifier", "TopicAlias", "UserProperty"]:
        if hasattr(props, name):
            value = getattr(props, name)
            if isinstance(value, bytes):
                value = value.hex()
            if name == "UserProperty":
                value = [list(pair) for pair in value]
            result[name] = value
    return result


def text(rng, n):
    alphabet = "abcxyz0189-_. éß€中😀"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, n)))


def main():
    rng = random.Random(20261122)
    conf = tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False)
    broker_port = free_port()
    conf.write(f"listener {broker_port} 127.0.0.1\nallow_anonymous true\n")
    conf.close()
    broker = subprocess.Popen(["mosquitto", "-c", conf.name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    recorder = Recorder(broker_port)
    expectations = {}  # (connection, direction, n-th packet of that type) -> dict
    received = {}      # connection -> list of decoded messages
    counters = {}

    def expect(conn, direction, kind, fields):
        key = (conn, direction, kind)
        counters[key] = counters.get(key, 0) + 1
        expectations[(conn, direction, kind, counters[key])] = fields

    connection = 0
    for proto, name in [(mqtt.MQTTv31, "3.1"), (mqtt.MQTTv311, "3.1.1"), (mqtt.MQTTv5, "5.0")]:
        v5 = proto == mqtt.MQTTv5
        base = f"fk/{name}/{text(rng, 4)}"
        # Subscriber.
        sub_conn = connection
        connection += 1
        received[sub_conn] = []
        sub = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"sub-{name}", protocol=proto)
        sub.on_message = lambda c, u, m, conn=sub_conn: received[conn].append(
            {"topic": m.topic, "payload": m.payload.hex(), "qos": m.qos, "retain": bool(m.retain),
             "properties": props_dict(getattr(m, "properties", None)) if v5 else {}})
        sub.connect("127.0.0.1", recorder.port, keepalive=30)
        sub.loop_start()
        filters = [(base + "/+/data", 2), (base + "/#", 1)]
        if v5:
            sp = Properties(PacketTypes.SUBSCRIBE)
            sp.SubscriptionIdentifier = rng.randint(1, 268435455)
            sub.subscribe([(f, mqtt.SubscribeOptions(qos=q)) for f, q in filters], properties=sp)
        else:
            sub.subscribe(filters)
        expect(sub_conn, "c2s", "SUBSCRIBE", {"filters": [f for f, _ in filters], "qos": [q for _, q in filters]})
        time.sleep(0.3)
        # Publisher with will, user name and password.
        pub_conn = connection
        connection += 1
        pub = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"pub-{name}-{text(rng, 3)}", protocol=proto)
        pub.username_pw_set(text(rng, 6), text(rng, 6))
        will_props = None
        if v5:
            will_props = Properties(PacketTypes.WILLMESSAGE)
            will_props.WillDelayInterval = 5
        pub.will_set(base + "/will", b"gone", qos=1, retain=False, properties=will_props)
        cp = None
        if v5:
            cp = Properties(PacketTypes.CONNECT)
            cp.SessionExpiryInterval = 120
            cp.ReceiveMaximum = 20
        pub.connect("127.0.0.1", recorder.port, keepalive=45, clean_start=True if v5 else mqtt.MQTT_CLEAN_START_FIRST_ONLY, properties=cp)
        pub.loop_start()
        time.sleep(0.3)
        expect(pub_conn, "c2s", "CONNECT", {"client_id": pub._client_id.decode(), "keepalive": 45,
                                            "username": pub._username.decode(), "will_topic": base + "/will"})
        for i in range(12):
            topic = f"{base}/{text(rng, 6)}/data" if i % 3 else f"{base}/{text(rng, 5)}"
            payload = bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 17, 64, 300, 2000])))
            qos = rng.randint(0, 2)
            retain = rng.random() < 0.2
            props = None
            pdict = {}
            if v5:
                props = Properties(PacketTypes.PUBLISH)
                if rng.random() < 0.6:
                    props.MessageExpiryInterval = rng.randint(100, 100000)
                if rng.random() < 0.5:
                    props.ContentType = text(rng, 8)
                if rng.random() < 0.5:
                    props.ResponseTopic = base + "/reply/" + text(rng, 4)
                    props.CorrelationData = bytes(rng.randrange(256) for _ in range(rng.randint(0, 8)))
                if rng.random() < 0.4:
                    props.PayloadFormatIndicator = 0
                if rng.random() < 0.5:
                    props.UserProperty = [(text(rng, 5), text(rng, 5)) for _ in range(rng.randint(1, 3))]
                pdict = props_dict(props)
            info = pub.publish(topic, payload, qos=qos, retain=retain, properties=props)
            info.wait_for_publish(5)
            expect(pub_conn, "c2s", "PUBLISH", {"topic": topic, "payload": payload.hex(), "qos": qos,
                                                "retain": retain, "properties": pdict})
        time.sleep(0.5)
        sub.unsubscribe(base + "/#")
        expect(sub_conn, "c2s", "UNSUBSCRIBE", {"filters": [base + "/#"]})
        time.sleep(0.3)
        pub.disconnect()
        sub.disconnect()
        pub.loop_stop()
        sub.loop_stop()
        time.sleep(0.3)

    broker.terminate()
    broker.wait()
    os.unlink(conf.name)
    # paho calls on_message for a QoS 2 message only when PUBREL arrives, so callbacks and captured
    # packets are not in the same order: pair each server-to-client PUBLISH with the first unused
    # message paho decoded whose topic and payload bytes both occur in the packet and whose QoS is the
    # QoS in the first byte (payloads are
    # random and topics unique enough that this pairing is unambiguous up to identical messages).
    pending = {conn: list(messages) for conn, messages in received.items()}
    publish_index = {}
    for conn, direction, packet in recorder.packets:
        if direction != "s2c" or packet[0] >> 4 != 3:
            continue
        publish_index[conn] = publish_index.get(conn, 0) + 1
        for i, message in enumerate(pending.get(conn, [])):
            if (message["topic"].encode() in packet and bytes.fromhex(message["payload"]) in packet
                    and message["qos"] == (packet[0] >> 1) & 3):
                expectations[(conn, "s2c", "PUBLISH", publish_index[conn])] = pending[conn].pop(i)
                break
        else:
            sys.exit("no decoded message matches a captured PUBLISH")
    versions = {}
    for conn in range(connection):
        versions[conn] = ["3.1", "3.1", "3.1.1", "3.1.1", "5.0", "5.0"][conn]
    seen = {}
    lines = []
    for conn, direction, packet in recorder.packets:
        kind = NAMES[packet[0] >> 4]
        key = (conn, direction, kind)
        seen[key] = seen.get(key, 0) + 1
        record = {"proto_ver": versions[conn], "direction": direction, "packet_type": kind, "hex": packet.hex().upper()}
        fields = expectations.get((conn, direction, kind, seen[key]))
        if fields is not None:
            record["expect"] = fields
        lines.append(record)
    published = sum(1 for l in lines if l["packet_type"] == "PUBLISH" and l["direction"] == "s2c")
    if published != sum(len(m) for m in received.values()):
        sys.exit("subscriber message count does not match the captured PUBLISH packets")
    with open(OUT, "w") as out:
        out.write(json.dumps({"generator": "Scripts/mqtt-fixtures.py", "paho_mqtt": paho.mqtt.__version__,
                              "mosquitto": subprocess.run(["mosquitto", "-h"], capture_output=True, text=True).stdout.splitlines()[0]}) + "\n")
        for record in lines:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(lines)} packets to {OUT}")


if __name__ == "__main__":
    main()
