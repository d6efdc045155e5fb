package org.slimta.system.internal.privilege;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestGateTests {

	private final RequestGate gate = new RequestGate();

	@Test
	void holdsAWaitingRequestUntilItOpens() throws Exception {
		CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(this::await);
		CompletableFuture<Boolean> decision = this.gate.decision();
		assertThat(this.gate.isOpen()).isFalse();
		assertThat(decision).isNotDone();
		this.gate.open();
		assertThat(waiting.get()).isTrue();
		assertThat(decision.get()).isTrue();
		assertThat(this.gate.isOpen()).isTrue();
		assertThat(this.gate.await()).isTrue();
	}

	@Test
	void refusesHeldAndLaterRequestsWhenRefused() throws Exception {
		CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(this::await);
		this.gate.refuse();
		assertThat(waiting.get()).isFalse();
		assertThat(this.gate.decision().get()).isFalse();
		assertThat(this.gate.isOpen()).isFalse();
		assertThat(this.gate.await()).isFalse();
	}

	private boolean await() {
		try {
			return this.gate.await();
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
