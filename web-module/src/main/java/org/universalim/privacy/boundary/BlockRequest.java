package org.universalim.privacy.boundary;

/** An address to block: a user's ({@code bob@isp-b.example}) or a whole domain ({@code isp-b.example}). */
public record BlockRequest(String address) {
}
