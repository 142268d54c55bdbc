package io.cashews.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handlers behind the filters: {@code /items/<id>} and {@code /prices/<id>} print a cached
 * result; {@code /plain} uses no cache; {@code /big/<id>} streams {@link #BIG} bytes after a cached
 * read; {@code /late/<id>} reads one item, flushes, then reads another; {@code /own-etag/<id>} sets
 * its own ETag. Counts the requests it handled.
 */
final class CatalogServlet extends HttpServlet {

    static final int BIG = 10 * 1024 * 1024;

    final AtomicInteger handled = new AtomicInteger();
    private final transient Catalog catalog;

    CatalogServlet(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handled.incrementAndGet();
        String[] path = request.getRequestURI().split("/");
        String id = path.length > 2 ? path[2] : "";
        response.setContentType("text/plain;charset=utf-8");
        switch (path.length > 1 ? path[1] : "") {
            case "items" -> response.getWriter().print(catalog.item(id));
            case "prices" -> response.getWriter().print(catalog.price(id));
            case "records" -> response.getWriter().print(catalog.record(id));
            case "plain" -> response.getWriter().print("plain");
            case "big" -> {
                String item = catalog.item(id);
                OutputStream out = response.getOutputStream();
                out.write(item.getBytes(StandardCharsets.UTF_8));
                byte[] chunk = new byte[8192];
                Arrays.fill(chunk, (byte) 'x');
                for (int written = 0; written < BIG; written += chunk.length) {
                    out.write(chunk);
                }
            }
            case "late" -> {
                response.getWriter().print(catalog.item(id));
                response.flushBuffer();
                response.getWriter().print(catalog.item(id + "-later"));
            }
            case "own-etag" -> {
                response.setHeader("ETag", "\"mine\"");
                response.getWriter().print(catalog.item(id));
            }
            default -> response.sendError(404);
        }
    }
}
