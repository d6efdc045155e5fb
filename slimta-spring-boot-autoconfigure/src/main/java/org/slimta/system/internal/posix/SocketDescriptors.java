package org.slimta.system.internal.posix;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The socket calls that descriptors a process inherited need and the JDK lacks: what a
 * descriptor is ({@code getsockname}, {@code getsockopt}), moving it onto another number
 * ({@code dup3}, close-on-exec), closing it, and {@code unsetenv}. Made through the JDK's foreign
 * function API on JDK 22 and later, through jnr-ffi before; bound once, on first use.
 */
public final class SocketDescriptors {

	private static final int SOL_SOCKET = 1;

	private static final int SO_TYPE = 3;

	private static final int SO_ACCEPTCONN = 30;

	private static final int SO_DOMAIN = 39;

	private static final int EBADF = 9;

	private static final int ENOTSOCK = 88;

	// sizeof(struct sockaddr_storage)
	private static final int SOCKADDR_STORAGE = 128;

	private final SocketCalls calls;

	SocketDescriptors(SocketCalls calls) {
		this.calls = calls;
	}

	/**
	 * The calls, bound on first use.
	 * @return the calls
	 * @throws PosixUnavailableException if the native calls cannot be used here
	 */
	public static SocketDescriptors get() {
		return Holder.BOUND.get();
	}

	/**
	 * Whether the calls can be used here, binding them on first use.
	 * @return the availability, with the reason when unavailable
	 */
	public static Availability availability() {
		return Holder.BOUND.availability();
	}

	/**
	 * What a descriptor is.
	 * @param fd the descriptor
	 * @return the description, or {@code null} if it is open but not a socket
	 * @throws PosixException if it is not open ({@code EBADF}) or cannot be asked
	 */
	public @Nullable SocketDescription describe(int fd) {
		int[] value = new int[1];
		int result = this.calls.getsockoptInt(fd, SOL_SOCKET, SO_DOMAIN, value);
		if (result == -ENOTSOCK) {
			return null;
		}
		check(result, "getsockopt(" + fd + ", SO_DOMAIN)");
		int family = value[0];
		check(this.calls.getsockoptInt(fd, SOL_SOCKET, SO_TYPE, value), "getsockopt(" + fd + ", SO_TYPE)");
		int type = value[0];
		check(this.calls.getsockoptInt(fd, SOL_SOCKET, SO_ACCEPTCONN, value), "getsockopt(" + fd + ", SO_ACCEPTCONN)");
		boolean listening = value[0] != 0;
		InetSocketAddress address = null;
		if (family == SocketDescription.AF_INET || family == SocketDescription.AF_INET6) {
			byte[] sockaddr = new byte[SOCKADDR_STORAGE];
			int[] length = { sockaddr.length };
			check(this.calls.getsockname(fd, sockaddr, length), "getsockname(" + fd + ")");
			address = internetAddress(sockaddr);
		}
		return new SocketDescription(fd, family, type, listening, address);
	}

	/**
	 * Whether a descriptor is open.
	 * @param fd the descriptor
	 * @return whether it is
	 */
	public boolean isOpen(int fd) {
		int result = this.calls.getsockoptInt(fd, SOL_SOCKET, SO_TYPE, new int[1]);
		return result != -EBADF;
	}

	/**
	 * Put a descriptor in the place of another ({@code dup3} with {@code O_CLOEXEC}, which closes
	 * what {@code target} held), then close it under its old number: the socket is then reached
	 * only through {@code target}, and no child process inherits it.
	 * @param fd the descriptor to move
	 * @param target the number it takes
	 * @throws PosixException if a call fails
	 */
	public void move(int fd, int target) {
		check(this.calls.dup3(fd, target, OpenFlags.O_CLOEXEC), "dup3(" + fd + ", " + target + ", O_CLOEXEC)");
		close(fd);
	}

	/**
	 * Close a descriptor.
	 * @param fd the descriptor
	 * @throws PosixException if the call fails
	 */
	public void close(int fd) {
		check(this.calls.close(fd), "close(" + fd + ")");
	}

	/**
	 * Remove a variable from the C library's environment of this process ({@code unsetenv}), which
	 * children started with the process's own environment ({@code posix_spawn} with
	 * {@code environ}, {@code execv}) get; {@link System#getenv()} keeps the JVM's copy.
	 * @param name the variable
	 * @throws PosixException if the call fails
	 */
	public void unsetenv(String name) {
		check(this.calls.unsetenv(name), "unsetenv(" + name + ")");
	}

	/**
	 * Set a variable in the C library's environment of this process ({@code setenv}, overwriting).
	 * @param name the variable
	 * @param value its value
	 * @throws PosixException if the call fails
	 */
	public void setenv(String name, String value) {
		check(this.calls.setenv(name, value), "setenv(" + name + ")");
	}

	static @Nullable InetSocketAddress internetAddress(byte[] sockaddr) {
		// sa_family_t in host order (little-endian on the platforms the project runs on), the port in network order
		int family = (sockaddr[0] & 0xff) | ((sockaddr[1] & 0xff) << 8);
		int port = ((sockaddr[2] & 0xff) << 8) | (sockaddr[3] & 0xff);
		try {
			if (family == SocketDescription.AF_INET) {
				return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(sockaddr, 4, 8)), port);
			}
			if (family == SocketDescription.AF_INET6) {
				return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(sockaddr, 8, 24)), port);
			}
			return null;
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void check(int result, String call) {
		if (result < 0) {
			throw new PosixException(call, -result);
		}
	}

	private static LibcBinding<SocketDescriptors> bind() {
		if (NativeImplementation.foreign()) {
			return LibcBinding.of(() -> {
				NativeAccess.ensureAvailability();
				return new SocketDescriptors(NativeImplementation.instantiate(SocketCalls.class, "ForeignSocketCalls"));
			});
		}
		return JnrSocketCalls.bind().map(SocketDescriptors::new);
	}

	// The holder idiom: bound once, on first use, thread-safe without locking.
	private static final class Holder {

		static final LibcBinding<SocketDescriptors> BOUND = bind();

	}

}
