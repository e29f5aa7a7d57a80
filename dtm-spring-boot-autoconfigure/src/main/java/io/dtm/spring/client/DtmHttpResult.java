package io.dtm.spring.client;

/**
 * A status and body read from an HTTP reply.
 */
public record DtmHttpResult(int status, String body) {

	/**
	 * Reads the reply as dtm does (HTTPResp2DtmError): 425 or a body containing ONGOING is ongoing; then
	 * 409 or a body containing FAILURE is a failure; then anything but 200 is an error.
	 * @return this result when it is a success
	 */
	public DtmHttpResult check(String what) {
		String text = (this.body != null) ? this.body : "";
		if (this.status == 425 || text.contains(Dtm.ONGOING)) {
			throw new DtmOngoingException(what + ": " + text);
		}
		if (this.status == 409 || text.contains(Dtm.FAILURE)) {
			throw new DtmFailureException(what + ": " + text);
		}
		if (this.status != 200) {
			throw new DtmRetryableException(what + ": status " + this.status + " " + text, this.status);
		}
		return this;
	}

	/**
	 * Checks the status only, for replies whose body may quote FAILURE in data (e.g. a rollback reason in
	 * {@code /query}).
	 */
	public DtmHttpResult checkStatus(String what) {
		if (this.status != 200) {
			return check(what);
		}
		return this;
	}

}
