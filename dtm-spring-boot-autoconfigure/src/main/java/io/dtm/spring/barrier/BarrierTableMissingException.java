package io.dtm.spring.barrier;

import io.dtm.protocol.DtmException;

/**
 * The barrier table does not exist; carries the statements that create it on the
 * application's database.
 */
public class BarrierTableMissingException extends DtmException {

    private final String table;

    private final String database;

    private final String script;

    public BarrierTableMissingException(String table, String database, String script, Throwable cause) {
        super("The dtm barrier table " + table + " does not exist in the " + database + " database", cause);
        this.table = table;
        this.database = database;
        this.script = script;
    }

    public String table() {
        return this.table;
    }

    /** The database product, as its driver names it. */
    public String database() {
        return this.database;
    }

    /** The statements that create the table (and its schema), ready to run. */
    public String script() {
        return this.script;
    }

    /** What to do, for a log line or a startup failure. */
    public String fix() {
        return "Create it by running:\n\n" + this.script.indent(4)
                + "\nor set dtm.barrier.initialize-schema=always to create it at startup.";
    }

}
