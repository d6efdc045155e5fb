package org.slimta.system.internal.posix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Java streams on a raw descriptor, for the parent's ends of a child's pipes: the JDK offers no
 * supported way to wrap a descriptor number in a {@code FileDescriptor}.
 */
final class DescriptorStreams {

	private static final int CHUNK = 8192;

	private DescriptorStreams() {
	}

	/**
	 * A descriptor closed exactly once: by the stream, or by the cleaner when it became unreachable;
	 * with the native calls its stream reads or writes it through.
	 */
	static final class Owned implements Runnable {

		private final ProcessCalls calls;

		private final AtomicInteger fd;

		Cleaner.@Nullable Cleanable cleanable;

		Owned(ProcessCalls calls, int fd) {
			this.calls = calls;
			this.fd = new AtomicInteger(fd);
		}

		int fd() throws IOException {
			int fd = this.fd.get();
			if (fd < 0) {
				throw new IOException("Stream closed");
			}
			return fd;
		}

		@Override
		public void run() {
			int fd = this.fd.getAndSet(-1);
			if (fd >= 0) {
				this.calls.close(fd);
			}
		}

		void close() {
			Cleaner.Cleanable cleanable = this.cleanable;
			if (cleanable != null) {
				cleanable.clean();
			}
			else {
				run();
			}
		}

	}

	static final class Input extends InputStream {

		private final Owned owned;

		Input(Owned owned) {
			this.owned = owned;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == -1) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			Objects.checkFromIndexSize(offset, length, bytes.length);
			if (length == 0) {
				return 0;
			}
			int fd = this.owned.fd();
			boolean whole = offset == 0 && length == bytes.length;
			byte[] buffer = whole ? bytes : new byte[Math.min(length, CHUNK)];
			long read;
			do {
				read = this.owned.calls.read(fd, buffer);
			}
			while (read == -NativeProcesses.EINTR);
			if (read < 0) {
				throw new IOException(new PosixException("read(" + fd + ")", (int) -read).getMessage());
			}
			if (read == 0) {
				return -1;
			}
			if (!whole) {
				System.arraycopy(buffer, 0, bytes, offset, (int) read);
			}
			return (int) read;
		}

		@Override
		public void close() {
			this.owned.close();
		}

	}

	static final class Output extends OutputStream {

		private final Owned owned;

		Output(Owned owned) {
			this.owned = owned;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			Objects.checkFromIndexSize(offset, length, bytes.length);
			int fd = this.owned.fd();
			int written = 0;
			while (written < length) {
				byte[] chunk = Arrays.copyOfRange(bytes, offset + written, offset + written + Math.min(length - written, CHUNK));
				long count = this.owned.calls.write(fd, chunk);
				if (count == -NativeProcesses.EINTR) {
					continue;
				}
				if (count < 0) {
					throw new IOException(new PosixException("write(" + fd + ")", (int) -count).getMessage());
				}
				written += (int) count;
			}
		}

		@Override
		public void close() {
			this.owned.close();
		}

	}

}
