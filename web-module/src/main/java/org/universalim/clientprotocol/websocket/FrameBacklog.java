package org.universalim.clientprotocol.websocket;

import java.util.ArrayDeque;

/**
 * The frames a WebSocket client sent over its connection's rate, waiting their turn in the order sent: at most
 * {@code maxFrames} frames and {@code maxChars} characters together. The container reads a WebSocket whether we want it
 * or not, so what TCP leaves in the client's socket waits here, bounded, and its characters count against the server's
 * {@link BacklogBudget} while they wait. Not thread-safe: its {@link FrameShaper} locks.
 */
public final class FrameBacklog {

    private final int maxFrames;
    private final long maxChars;
    private final BacklogBudget budget;
    private final ArrayDeque<String> frames = new ArrayDeque<>();
    private long chars;

    public FrameBacklog(int maxFrames, long maxChars, BacklogBudget budget) {
        this.maxFrames = maxFrames;
        this.maxChars = maxChars;
        this.budget = budget;
    }

    /** Puts {@code frame} behind the others; false, and nothing kept, when it would pass a bound (its own or the server's). */
    public boolean offer(String frame) {
        if (frames.size() >= maxFrames || chars + frame.length() > maxChars || !budget.take(frame.length())) {
            return false;
        }
        frames.add(frame);
        chars += frame.length();
        return true;
    }

    /** The oldest frame, taken out; null when none waits. */
    public String poll() {
        String frame = frames.poll();
        if (frame != null) {
            chars -= frame.length();
            budget.give(frame.length());
        }
        return frame;
    }

    public boolean isEmpty() {
        return frames.isEmpty();
    }

    public int size() {
        return frames.size();
    }

    /** Characters of the frames that wait. */
    public long chars() {
        return chars;
    }

    public void clear() {
        frames.clear();
        budget.give(chars);
        chars = 0;
    }
}
