package org.slimta.system.internal.privilege;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Where requests wait until privileges are dropped: held while the drop is pending, let through
 * once it is done, refused if it failed. After the decision a check costs one volatile read.
 */
public final class RequestGate {

	private final CompletableFuture<Boolean> decision = new CompletableFuture<>();

	private volatile boolean open;

	/**
	 * Whether requests may pass now: a single volatile read.
	 * @return whether the gate is open
	 */
	public boolean isOpen() {
		return this.open;
	}

	/**
	 * Block the calling thread until the gate is decided.
	 * @return whether requests may pass ({@code false}: refused)
	 * @throws InterruptedException if the thread was interrupted while waiting
	 */
	public boolean await() throws InterruptedException {
		if (this.open) {
			return true;
		}
		try {
			return this.decision.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * The decision, for callers that must not block: completes with {@code true} when the gate
	 * opens and {@code false} when it refuses.
	 * @return the decision
	 */
	public CompletableFuture<Boolean> decision() {
		return this.decision.copy();
	}

	/** Let every held and later request through. */
	public void open() {
		this.open = true;
		this.decision.complete(true);
	}

	/** Refuse every held and later request. */
	public void refuse() {
		this.decision.complete(false);
	}

}
