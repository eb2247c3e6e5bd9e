package io.scorescope.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal Chrome DevTools Protocol client over the JDK's WebSocket: commands and recorded events. */
final class CdpConnection implements AutoCloseable {
    private final WebSocket socket;
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    private CdpConnection(URI uri) {
        this.socket = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .newWebSocketBuilder().buildAsync(uri, new Listener()).join();
    }

    static CdpConnection open(URI webSocketUrl) { return new CdpConnection(webSocketUrl); }

    /** Sends a command and waits for its result (the "result" object). */
    JsonNode call(String method, ObjectNode params, Duration timeout) {
        int id = nextId.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode msg = Json.object().put("id", id).put("method", method);
        msg.set("params", params == null ? Json.object() : params);
        socket.sendText(msg.toString(), true).join();
        try {
            JsonNode r = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r.has("error")) throw new IllegalStateException(method + " failed: " + r.get("error"));
            return r.path("result");
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " timed out after " + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method, e);
        } finally {
            pending.remove(id);
        }
    }

    JsonNode call(String method, ObjectNode params) { return call(method, params, Duration.ofSeconds(30)); }

    /** Events received so far, in order. */
    synchronized List<JsonNode> events() { return List.copyOf(events); }

    synchronized void clearEvents() { events.clear(); }

    private synchronized void record(JsonNode event) { events.add(event); }

    @Override
    public void close() { socket.abort(); }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                dispatch(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private void dispatch(String text) {
            JsonNode msg;
            try {
                msg = Json.MAPPER.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (msg.has("id")) {
                CompletableFuture<JsonNode> f = pending.get(msg.get("id").asInt());
                if (f != null) f.complete(msg);
            } else {
                record(msg);
            }
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }
}
