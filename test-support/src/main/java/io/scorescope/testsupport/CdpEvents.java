package io.scorescope.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads problems out of recorded DevTools events. */
final class CdpEvents {
    private CdpEvents() {}

    /** Uncaught exceptions, console.error / console.assert calls, and error-level log entries. */
    static List<String> errors(List<JsonNode> events) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode p = e.path("params");
            switch (e.path("method").asText()) {
                case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails").path("exception")
                        .path("description").asText(p.path("exceptionDetails").path("text").asText()));
                case "Runtime.consoleAPICalled" -> {
                    String type = p.path("type").asText();
                    if (type.equals("error") || type.equals("assert")) out.add("console." + type + ": " + args(p.path("args")));
                }
                case "Log.entryAdded" -> {
                    JsonNode entry = p.path("entry");
                    if (entry.path("level").asText().equals("error")) out.add("log: " + entry.path("text").asText() + " " + entry.path("url").asText());
                }
                default -> { /* not a problem */ }
            }
        }
        return out;
    }

    /** Every requested URL except the page itself and data: URLs. */
    static List<String> foreignRequests(List<JsonNode> events, String pageUrl) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (!"Network.requestWillBeSent".equals(e.path("method").asText())) continue;
            String url = e.path("params").path("request").path("url").asText();
            if (!url.equals(pageUrl) && !url.startsWith("data:")) out.add(url);
        }
        return out;
    }

    private static String args(JsonNode args) {
        StringBuilder b = new StringBuilder();
        for (JsonNode a : args) b.append(a.has("value") ? a.get("value").asText() : a.path("description").asText()).append(' ');
        return b.toString().trim();
    }
}
