package org.slimta.system.internal.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library as the JDK's Foreign Function &amp; Memory API reaches it: a downcall handle per
 * function, with {@code errno} captured right after the call where the function sets it. Nothing
 * is unpacked to disk. Shared by the foreign implementations of this package's calls.
 */
final class ForeignLibc {

	static final Linker LINKER = Linker.nativeLinker();

	private static final SymbolLookup LIBC = LINKER.defaultLookup();

	private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();

	private static final VarHandle ERRNO = CALL_STATE.varHandle(StructLayout.PathElement.groupElement("errno"));

	private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

	private ForeignLibc() {
	}

	/**
	 * A function that does not set {@code errno} (or whose {@code errno} is not needed).
	 * @param name the function's name
	 * @param descriptor its signature
	 * @return the handle
	 * @throws PosixUnavailableException if libc has no such function
	 */
	static MethodHandle function(String name, FunctionDescriptor descriptor) {
		return LINKER.downcallHandle(symbol(name), descriptor);
	}

	/**
	 * A function that sets {@code errno}: the handle takes a {@link #callState(Arena) call state}
	 * segment as its first argument, which holds {@code errno} once the call returned.
	 * @param name the function's name
	 * @param descriptor its signature
	 * @return the handle
	 * @throws PosixUnavailableException if libc has no such function
	 */
	static MethodHandle functionWithErrno(String name, FunctionDescriptor descriptor) {
		return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO);
	}

	/**
	 * A function that sets {@code errno}, with further linker options (for example
	 * {@link Linker.Option#firstVariadicArg(int)} for {@code fcntl} and {@code open}).
	 * @param name the function's name
	 * @param descriptor its signature
	 * @param options the further options
	 * @return the handle, taking a call state segment first
	 * @throws PosixUnavailableException if libc has no such function
	 */
	static MethodHandle functionWithErrno(String name, FunctionDescriptor descriptor, Linker.Option... options) {
		Linker.Option[] all = new Linker.Option[options.length + 1];
		all[0] = CAPTURE_ERRNO;
		System.arraycopy(options, 0, all, 1, options.length);
		return LINKER.downcallHandle(symbol(name), descriptor, all);
	}

	/**
	 * What a {@code MethodHandle.invokeExact} threw, to rethrow: a downcall throws nothing checked.
	 * @param thrown what it threw
	 * @return a runtime exception to throw
	 */
	static RuntimeException unchecked(Throwable thrown) {
		if (thrown instanceof RuntimeException runtime) {
			return runtime;
		}
		if (thrown instanceof Error error) {
			throw error;
		}
		return new IllegalStateException(thrown);
	}

	/**
	 * Whether libc has a function (glibc's non-portable ones are newer than some C libraries).
	 * @param name the function's name
	 * @return whether it exists
	 */
	static boolean has(String name) {
		return LIBC.find(name).isPresent();
	}

	/**
	 * Memory for the state a {@link #functionWithErrno} call captures.
	 * @param arena the arena of the call
	 * @return the segment
	 */
	static MemorySegment callState(Arena arena) {
		return arena.allocate(CALL_STATE);
	}

	/**
	 * The {@code errno} a call left in its call state.
	 * @param callState the segment passed to the call
	 * @return the error number
	 */
	static int errno(MemorySegment callState) {
		return (int) ERRNO.get(callState, 0L);
	}

	/**
	 * A C string, in UTF-8 (the default charset of JDK 18 and later, and so of every JDK that runs this code).
	 * @param arena the arena that owns it
	 * @param text the text
	 * @return the NUL-terminated bytes
	 */
	static MemorySegment string(Arena arena, String text) {
		return arena.allocateFrom(text);
	}

	/** {@code int}, the C type of most arguments and results. */
	static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;

	/** {@code long}, {@code ssize_t} and {@code size_t} on 64-bit Linux. */
	static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;

	/** A pointer. */
	static final ValueLayout ADDRESS = ValueLayout.ADDRESS;

	private static MemorySegment symbol(String name) {
		return LIBC.find(name)
			.orElseThrow(() -> new PosixUnavailableException("libc has no " + name, null));
	}

	/**
	 * One downcall of a {@link #functionWithErrno} handle that returns {@code -1} and sets
	 * {@code errno} on failure.
	 */
	@FunctionalInterface
	interface ErrnoCall {

		/**
		 * Make the call.
		 * @param arena the arena of the call, for its arguments
		 * @param state the call state to pass first
		 * @return what the function returned
		 * @throws Throwable what the method handle throws
		 */
		int call(Arena arena, MemorySegment state) throws Throwable;

	}

	/**
	 * Make a call in an arena of its own and give its result, or minus {@code errno} where it
	 * returned {@code -1}: the shape of most calls of this package.
	 * @param call the call
	 * @return the result, or minus {@code errno}
	 */
	static int withErrno(ErrnoCall call) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = callState(arena);
			int result = call.call(arena, state);
			return (result == -1) ? -errno(state) : result;
		}
		catch (Throwable ex) {
			throw unchecked(ex);
		}
	}

	/**
	 * {@code close(2)}: one downcall handle for every foreign implementation of this package.
	 * @param fd the descriptor
	 * @return {@code 0}, or minus {@code errno}
	 */
	static int close(int fd) {
		return withErrno((arena, state) -> (int) Close.CLOSE.invokeExact(state, fd));
	}

	// Linked on first use: a JVM about to be relaunched closes nothing.
	private static final class Close {

		static final MethodHandle CLOSE = functionWithErrno("close", FunctionDescriptor.of(INT, INT));

	}

}
