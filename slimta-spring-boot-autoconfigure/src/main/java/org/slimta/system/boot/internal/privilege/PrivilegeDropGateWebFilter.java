package org.slimta.system.boot.internal.privilege;

import org.slimta.system.internal.privilege.RequestGate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Holds a WebFlux request that arrives before privileges are dropped until they are, without
 * blocking an event loop, so that no request is served as root; answers 503 if the drop failed.
 * Costs one volatile read afterwards.
 */
public final class PrivilegeDropGateWebFilter implements WebFilter, Ordered {

	private final RequestGate gate;

	/**
	 * Create the filter.
	 * @param gate the gate of the privilege drop
	 */
	public PrivilegeDropGateWebFilter(RequestGate gate) {
		this.gate = gate;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.gate.isOpen()) {
			return chain.filter(exchange);
		}
		// Resumed off the thread that decided (the one that started the application).
		return Mono.fromFuture(this.gate.decision())
			.publishOn(Schedulers.parallel())
			.flatMap((open) -> open ? chain.filter(exchange) : refuse(exchange));
	}

	private Mono<Void> refuse(ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		return exchange.getResponse().setComplete();
	}

}
