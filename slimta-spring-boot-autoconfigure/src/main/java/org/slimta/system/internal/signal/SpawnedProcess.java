package org.slimta.system.internal.signal;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slimta.system.internal.posix.NativeProcesses;
import org.slimta.system.internal.posix.PosixException;
import org.slimta.system.signal.ChildProcessLauncher;
import org.slimta.system.signal.Signal;

/**
 * A child started by {@link ChildProcessLauncher}, reaped by a daemon thread as soon as it ends.
 */
public final class SpawnedProcess extends Process {

	private static final int SIGKILL = 9;

	private static final ExecutorService REAPERS = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "slimta-process-reaper");
		thread.setDaemon(true);
		return thread;
	});

	private final NativeProcesses calls;

	private final int pid;

	private final ProcessHandle handle;

	private final OutputStream stdin;

	private final InputStream stdout;

	private final InputStream stderr;

	private final CompletableFuture<Integer> exit = new CompletableFuture<>();

	private final Object lock = new Object();

	// Guarded by lock: once reaped, the pid may belong to another process.
	private boolean reaped;

	public SpawnedProcess(NativeProcesses calls, int pid, OutputStream stdin, InputStream stdout, InputStream stderr) {
		this.calls = calls;
		this.pid = pid;
		// Taken before the reaper starts: the child, even if already ended, is not reaped yet.
		this.handle = ProcessHandle.of(pid).orElseThrow();
		this.stdin = stdin;
		this.stdout = stdout;
		this.stderr = stderr;
		REAPERS.execute(this::reap);
	}

	private void reap() {
		try {
			this.calls.awaitExit(this.pid);
			int exitValue;
			synchronized (this.lock) {
				exitValue = this.calls.reap(this.pid);
				this.reaped = true;
			}
			this.exit.complete(exitValue);
		}
		catch (RuntimeException ex) {
			this.exit.completeExceptionally(ex);
		}
	}

	@Override
	public OutputStream getOutputStream() {
		return this.stdin;
	}

	@Override
	public InputStream getInputStream() {
		return this.stdout;
	}

	@Override
	public InputStream getErrorStream() {
		return this.stderr;
	}

	@Override
	public int waitFor() throws InterruptedException {
		try {
			return this.exit.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("cannot wait for process " + this.pid, ex.getCause());
		}
	}

	@Override
	public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
		try {
			this.exit.get(timeout, unit);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("cannot wait for process " + this.pid, ex.getCause());
		}
	}

	@Override
	public int exitValue() {
		Integer exitValue = this.exit.getNow(null);
		if (exitValue == null) {
			throw new IllegalThreadStateException("process " + this.pid + " has not exited");
		}
		return exitValue;
	}

	@Override
	public void destroy() {
		signal(Signal.SIGTERM.number());
	}

	@Override
	public Process destroyForcibly() {
		signal(SIGKILL);
		return this;
	}

	private void signal(int signal) {
		synchronized (this.lock) {
			if (!this.reaped) {
				try {
					this.calls.kill(this.pid, signal);
				}
				catch (PosixException ex) {
					// best effort, as Process.destroy() is: it does not report failures
				}
			}
		}
	}

	@Override
	public boolean supportsNormalTermination() {
		return true;
	}

	@Override
	public boolean isAlive() {
		return !this.exit.isDone();
	}

	@Override
	public long pid() {
		return this.pid;
	}

	@Override
	public ProcessHandle toHandle() {
		return this.handle;
	}

	@Override
	public CompletableFuture<Process> onExit() {
		return this.exit.thenApply((exitValue) -> this);
	}

	@Override
	public String toString() {
		Integer exitValue = this.exit.getNow(null);
		return "Process[pid=" + this.pid + ", exitValue=" + ((exitValue != null) ? exitValue : "\"not exited\"") + "]";
	}

}
