package io.cashews.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * A response that runs a hook once, just before anything can commit it: the first byte of the
 * body, a flush, an error or a redirect, or the end of the request for a response without a body.
 * The hook sets headers that depend on what the handler did before writing. The body passes
 * through as it is written, never buffered here.
 */
final class CommitGuard extends HttpServletResponseWrapper {

    private final Runnable beforeCommit;
    private boolean ran;
    private ServletOutputStream stream;
    private PrintWriter writer;

    CommitGuard(HttpServletResponse response, Runnable beforeCommit) {
        super(response);
        this.beforeCommit = beforeCommit;
    }

    /** Runs the hook unless it ran already or the response is committed. */
    void beforeCommit() {
        if (!ran) {
            ran = true;
            if (!getResponse().isCommitted()) {
                beforeCommit.run();
            }
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new GuardedStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            // Through the guarded stream, so that the first character written runs the hook; the
            // container's writer is not asked for, so getOutputStream and getWriter stay exclusive
            // as the container enforces them.
            Charset charset = Charset.forName(getCharacterEncoding());
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset), false);
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        if (writer != null) {
            writer.flush();
        }
        super.flushBuffer();
    }

    /** Flushes what the guarded writer holds, at the end of the request. */
    void finish() throws IOException {
        beforeCommit();
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        beforeCommit();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        beforeCommit();
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit();
        super.sendRedirect(location);
    }

    private final class GuardedStream extends ServletOutputStream {
        private final ServletOutputStream out;

        GuardedStream(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            beforeCommit();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            beforeCommit();
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            beforeCommit();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            beforeCommit();
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
