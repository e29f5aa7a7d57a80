package io.dtm.coordinator.store.jdbc;

import java.util.List;
import java.util.StringJoiner;
import java.util.function.Supplier;

import org.springframework.jdbc.core.RowMapper;

/**
 * One of the store's tables: its name and its columns in the order statements list them.
 * The rows the store inserts have the {@linkplain Column#inserted() inserted} columns, in
 * the same order.
 */
final class Table<T> {

    private final String name;

    private final List<Column<T, ?>> columns;

    private final List<Column<T, ?>> insertColumns;

    Table(String name, List<Column<T, ?>> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.insertColumns = columns.stream().filter(Column::inserted).toList();
    }

    String name() {
        return name;
    }

    List<Column<T, ?>> columns() {
        return columns;
    }

    List<Column<T, ?>> insertColumns() {
        return insertColumns;
    }

    /**
     * {@code SELECT <every column> FROM
     *
    <table>
     * }.
     */
    String select() {
        return "SELECT " + names(columns) + " FROM " + name;
    }

    /**
     * {@code INSERT INTO
     *
    <table>
     *  (<inserted columns>) VALUES (?, ...), ...} for {@code rows} rows.
     */
    String insert(int rows) {
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < rows; i++) {
            values.add(parameterRow(insertColumns));
        }
        return "INSERT INTO " + name + " (" + names(insertColumns) + ") VALUES " + values;
    }

    /**
     * Maps a row that has every column of the table into a new {@code T}, its times read
     * as {@code dialect} reads them.
     */
    RowMapper<T> mapper(Supplier<T> newRow, JdbcDialect dialect) {
        return (rs, n) -> {
            T row = newRow.get();
            for (Column<T, ?> column : columns) {
                column.readInto(rs, dialect, row);
            }
            return row;
        };
    }

    /** {@code a, b, c}, each name after {@code prefix}. */
    static String names(List<? extends Column<?, ?>> columns, String prefix) {
        StringJoiner names = new StringJoiner(", ");
        columns.forEach(c -> names.add(prefix + c.name()));
        return names.toString();
    }

    static String names(List<? extends Column<?, ?>> columns) {
        return names(columns, "");
    }

    /** {@code a = ?, b = ?}, each name after {@code prefix}. */
    static String assignments(List<? extends Column<?, ?>> columns, String prefix) {
        StringJoiner set = new StringJoiner(", ");
        columns.forEach(c -> set.add(prefix + c.name() + " = ?"));
        return set.toString();
    }

    /**
     * {@code a = v.a, b = v.b}: each column set from the same column of the derived table
     * {@code v}.
     */
    static String assignmentsFromValues(List<? extends Column<?, ?>> columns, String prefix) {
        StringJoiner set = new StringJoiner(", ");
        columns.forEach(c -> set.add(prefix + c.name() + " = v." + c.name()));
        return set.toString();
    }

    /** {@code (?, ?, ?)}: one row of parameters for {@code columns}. */
    private static String parameterRow(List<? extends Column<?, ?>> columns) {
        StringJoiner row = new StringJoiner(", ", "(", ")");
        columns.forEach(c -> row.add("?"));
        return row.toString();
    }

}
