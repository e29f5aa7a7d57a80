package io.dtm.spring.annotation;

import feign.Capability;
import feign.Client;
import io.dtm.spring.client.DtmClient;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Wraps the client of every Feign client with {@link DtmFeignClient}, which records {@link DtmStep} calls and
 * registers {@link TccTry} branches.
 */
public class DtmFeignCapability implements Capability {

	private final ObjectProvider<DtmClient> dtmClient;

	private final BranchUrlResolver urlResolver;

	public DtmFeignCapability(ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver) {
		this.dtmClient = dtmClient;
		this.urlResolver = urlResolver;
	}

	@Override
	public Client enrich(Client client) {
		if (client instanceof DtmFeignClient) {
			return client;
		}
		return new DtmFeignClient(client, this.dtmClient, this.urlResolver);
	}

}
