package org.slimta.system.internal.posix;

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * What a socket descriptor is, as {@code getsockname} and {@code getsockopt} tell.
 *
 * @param fd the descriptor
 * @param family the address family ({@link #AF_INET}, {@link #AF_INET6}, {@link #AF_UNIX}, ...)
 * @param type the socket type ({@link #SOCK_STREAM}, {@link #SOCK_DGRAM}, ...)
 * @param listening whether it listens ({@code SO_ACCEPTCONN})
 * @param address its local address, for an Internet socket
 */
public record SocketDescription(int fd, int family, int type, boolean listening, @Nullable InetSocketAddress address) {

	/** {@code AF_UNIX}. */
	public static final int AF_UNIX = 1;

	/** {@code AF_INET}. */
	public static final int AF_INET = 2;

	/** {@code AF_INET6}. */
	public static final int AF_INET6 = 10;

	/** {@code SOCK_STREAM}. */
	public static final int SOCK_STREAM = 1;

	/** {@code SOCK_DGRAM}. */
	public static final int SOCK_DGRAM = 2;

	/**
	 * Whether a web server can serve on it: a listening TCP socket of IPv4 or IPv6.
	 * @return whether it is one
	 */
	public boolean isListeningInternetStream() {
		return this.listening && this.type == SOCK_STREAM && this.address != null;
	}

	/**
	 * What it is, in a few words, for a message: {@code "a listening TCP socket (IPv4) on 127.0.0.1:80"},
	 * {@code "a datagram socket (Unix-domain)"}.
	 * @return the words
	 */
	public String describe() {
		String family = switch (this.family) {
			case AF_UNIX -> "Unix-domain";
			case AF_INET -> "IPv4";
			case AF_INET6 -> "IPv6";
			default -> "family " + this.family;
		};
		String type = switch (this.type) {
			case SOCK_STREAM -> (this.address != null) ? "TCP" : "stream";
			case SOCK_DGRAM -> (this.address != null) ? "UDP" : "datagram";
			default -> "type " + this.type;
		};
		String state = (this.type != SOCK_STREAM) ? "" : this.listening ? "listening " : "not listening ";
		String where = (this.address != null)
				? " on " + this.address.getAddress().getHostAddress() + ":" + this.address.getPort() : "";
		return "a " + state + type + " socket (" + family + ")" + where;
	}

}
