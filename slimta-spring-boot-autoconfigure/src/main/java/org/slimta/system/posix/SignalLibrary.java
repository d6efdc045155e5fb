package org.slimta.system.posix;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc functions behind {@link NativeSignals}, which jnr-posix does not offer or offers only
 * through a larger binding; bound with jnr-ffi. Public only because jnr-ffi generates its
 * implementation in another class loader; not for use outside this package.
 */
public interface SignalLibrary {

	int pthread_sigmask(int how, @In byte[] set, @Out byte[] oldset);

	int signalfd(int fd, @In byte[] mask, int flags);

	int eventfd(int initval, int flags);

	int poll(@In @Out byte[] fds, long nfds, int timeout);

	@ssize_t
	long read(int fd, @Out byte[] buf, @size_t long count);

	@ssize_t
	long write(int fd, @In byte[] buf, @size_t long count);

	int close(int fd);

	int fcntl(int fd, int cmd, int arg);

	int execv(CharSequence path, CharSequence[] argv);

}
