/*
 * ClientsJdbc.java: every conflict_stats type through the PostgreSQL JDBC
 * driver (pgjdbc), the schema as DatabaseMetaData shows it, and the README's
 * dashboard queries.
 *
 * Run by test/clients/run.sh (connection from the PG* environment, database
 * with the extension, test/data/sample.sql and test/clients/fixtures.sql
 * loaded):
 *
 *     java -cp CLASSES:/usr/share/java/postgresql.jar ClientsJdbc README.md
 *
 * Prints one "ok - ..." / "not ok - ..." line per check (run.sh numbers them)
 * and "# ..." diagnostics.  Values are compared through their ::text forms in
 * SQL, never against text written here, so the types' text forms may change.
 */

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

public class ClientsJdbc
{
	static final String[] TYPES = {"estimate", "trend", "cumulative", "cost_per_gain_state",
		"elasticity_state", "series"};
	static final String[] ESTIMATE_PARTS = {"best", "low", "high", "low_inclusive",
		"high_inclusive", "qualifier"};
	static final Set<String> STANDARD_TYPES = Set.of("float8", "numeric", "text", "date",
		"timestamptz", "int8", "int4", "bool");
	static final int RUNS = 10;			/* past pgjdbc's default prepareThreshold, 5 */
	static int failed = 0;

	/* A check: returns null when it passes, else what went wrong. */
	interface Check
	{
		String run() throws Exception;
	}

	/* Print one TAP line (numbered later by run.sh), with diagnostics on failure. */
	static void ok(boolean pass, String desc, String diag)
	{
		System.out.println((pass ? "ok - " : "not ok - ") + desc);
		if (!pass)
		{
			failed++;
			if (diag != null)
				diag.lines().limit(40).forEach(l -> System.out.println("#   " + l));
		}
		System.out.flush();
	}

	/* Run one check; an exception fails it. */
	static void check(String desc, Check c)
	{
		String problem;

		try
		{
			problem = c.run();
		}
		catch (Exception e)
		{
			problem = e.toString();
		}
		ok(problem == null, desc, problem);
	}

	/* A connection from the PG* environment, with extra driver properties. */
	static Connection connect(String... props) throws SQLException
	{
		String host = System.getenv().getOrDefault("PGHOST", "localhost");
		String port = System.getenv().getOrDefault("PGPORT", "5432");
		String db = System.getenv().getOrDefault("PGDATABASE", "cs_clients");
		Properties p = new Properties();

		if (host.isEmpty() || host.startsWith("/"))
			host = "localhost";		/* JDBC speaks TCP only */
		p.setProperty("user", System.getenv().getOrDefault("PGUSER", System.getProperty("user.name")));
		if (System.getenv("PGPASSWORD") != null)
			p.setProperty("password", System.getenv("PGPASSWORD"));
		for (int i = 0; i + 1 < props.length; i += 2)
			p.setProperty(props[i], props[i + 1]);
		return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, p);
	}

	/* The first column of the first row of a query, as a string. */
	static String scalar(Connection c, String sql) throws SQLException
	{
		try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql))
		{
			return rs.next() ? rs.getString(1) : null;
		}
	}

	/* Run a statement that returns nothing. */
	static void exec(Connection c, String sql) throws SQLException
	{
		try (Statement st = c.createStatement())
		{
			st.execute(sql);
		}
	}

	/* The rows of fixture_<typ>: label to value::text, in label order. */
	static Map<String, String> fixture(Connection c, String typ) throws SQLException
	{
		Map<String, String> rows = new TreeMap<>();

		try (Statement st = c.createStatement();
			 ResultSet rs = st.executeQuery("SELECT label, value::text FROM fixture_" + typ))
		{
			while (rs.next())
				rows.put(rs.getString(1), rs.getString(2));
		}
		return rows;
	}

	/* An empty temporary table rt_<typ> (label, value) to write values back into. */
	static void newTarget(Connection c, String typ) throws SQLException
	{
		exec(c, "DROP TABLE IF EXISTS rt_" + typ);
		exec(c, "CREATE TEMP TABLE rt_" + typ + " (label text, value conflict_stats." + typ + ")");
	}

	/* null when rt_<typ> holds the same values as fixture_<typ> (every part, for estimate). */
	static String compareTarget(Connection c, String typ) throws SQLException
	{
		StringBuilder parts = new StringBuilder();
		StringBuilder diff = new StringBuilder();

		if (typ.equals("estimate"))
		{
			for (String p : ESTIMATE_PARTS)
				parts.append(" AND conflict_stats.").append(p).append("(f.value) IS NOT DISTINCT FROM conflict_stats.")
					.append(p).append("(r.value)");
			parts.append(" AND (f.value IS NULL OR f.value OPERATOR(conflict_stats.=) r.value)");
		}
		String sql = "SELECT f.label, f.value::text, r.label IS NOT NULL, r.value::text "
			+ "FROM fixture_" + typ + " f FULL JOIN rt_" + typ + " r USING (label) "
			+ "WHERE NOT (f.label IS NOT NULL AND r.label IS NOT NULL "
			+ "AND f.value::text IS NOT DISTINCT FROM r.value::text" + parts + ")";
		try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql))
		{
			while (rs.next())
				diff.append(rs.getString(1)).append(": ").append(rs.getString(2)).append(" -> ")
					.append(rs.getBoolean(3) ? rs.getString(4) : "(missing)").append('\n');
		}
		if (!"t".equals(scalar(c, "SELECT (SELECT count(*) FROM fixture_" + typ + ") = (SELECT count(*) FROM rt_" + typ + ")")))
			diff.append("row counts differ\n");
		return diff.length() == 0 ? null : diff.toString();
	}

	/* --- reading every type ------------------------------------------------------ */

	/* getString equals ::text and getObject is a PGobject naming the type. */
	static String checkReads(Connection c, String typ) throws SQLException
	{
		StringBuilder bad = new StringBuilder();

		try (Statement st = c.createStatement();
			 ResultSet rs = st.executeQuery("SELECT label, value, value::text FROM fixture_" + typ))
		{
			while (rs.next())
			{
				String s = rs.getString(2);
				Object o = rs.getObject(2);
				String text = rs.getString(3);

				if (!Objects.equals(s, text))
					bad.append(rs.getString(1)).append(": getString ").append(s).append('\n');
				if (text != null && !(o instanceof PGobject
									  && typeNamed(((PGobject) o).getType(), typ)
									  && text.equals(((PGobject) o).getValue())))
					bad.append(rs.getString(1)).append(": getObject ").append(describe(o)).append('\n');
				if (text == null && o != null)
					bad.append(rs.getString(1)).append(": getObject of NULL is ").append(describe(o)).append('\n');
			}
			String mdName = rs.getMetaData().getColumnTypeName(2);
			if (!typeNamed(mdName, typ))
				bad.append("getColumnTypeName is ").append(mdName).append('\n');
		}
		return bad.length() == 0 ? null : bad.toString();
	}

	/* Whether a type name pgjdbc reports names conflict_stats.<typ> (it may quote it). */
	static boolean typeNamed(String name, String typ)
	{
		return name != null && name.replace("\"", "").equals("conflict_stats." + typ);
	}

	/* An object and its class, for diagnostics. */
	static String describe(Object o)
	{
		if (o instanceof PGobject)
			return "PGobject(" + ((PGobject) o).getType() + ", " + ((PGobject) o).getValue() + ")";
		return o == null ? "null" : o.getClass().getName() + " " + o;
	}

	/* A prepared SELECT run RUNS times keeps giving ::text, and the driver switched to a
	 * server-prepared statement on the way. */
	static String checkPreparedReads(Connection c, String typ) throws SQLException
	{
		StringBuilder bad = new StringBuilder();

		try (PreparedStatement ps = c.prepareStatement(
				"SELECT label, value, value::text FROM fixture_" + typ + " WHERE label <> ?"))
		{
			for (int run = 1; run <= RUNS; run++)
			{
				ps.setString(1, "no such label");
				try (ResultSet rs = ps.executeQuery())
				{
					while (rs.next())
						if (!Objects.equals(rs.getString(2), rs.getString(3)))
							bad.append("run ").append(run).append(", ").append(rs.getString(1)).append(": ")
								.append(rs.getString(2)).append('\n');
				}
			}
			if (!ps.unwrap(PGStatement.class).isUseServerPrepare())
				bad.append("the statement was never server-prepared\n");
		}
		return bad.length() == 0 ? null : bad.toString();
	}

	/* --- writing every type ------------------------------------------------------ */

	/* How a value is bound to the INSERT's second parameter. */
	interface Binder
	{
		void bind(PreparedStatement ps, String text) throws SQLException;
	}

	/* Write fixture_<typ> into rt_<typ> with a prepared INSERT, RUNS times over (so the
	 * statement is server-prepared), then compare. */
	static String writeBack(Connection c, String typ, Binder binder) throws SQLException
	{
		Map<String, String> rows = fixture(c, typ);

		newTarget(c, typ);
		try (PreparedStatement ps = c.prepareStatement("INSERT INTO rt_" + typ + " (label, value) VALUES (?, ?)"))
		{
			for (int run = 1; run <= RUNS; run++)
			{
				exec(c, "TRUNCATE rt_" + typ);
				for (Map.Entry<String, String> e : rows.entrySet())
				{
					ps.setString(1, e.getKey());
					binder.bind(ps, e.getValue());
					ps.executeUpdate();
				}
			}
			if (!ps.unwrap(PGStatement.class).isUseServerPrepare())
				return "the INSERT was never server-prepared";
		}
		return compareTarget(c, typ);
	}

	/* A PGobject of conflict_stats.<typ> holding a text form. */
	static PGobject pgobject(String typ, String text) throws SQLException
	{
		PGobject o = new PGobject();

		o.setType("conflict_stats." + typ);
		o.setValue(text);
		return o;
	}

	/* Plain setString into an estimate column: the server refuses varchar, 42804. */
	static String checkPlainSetStringFails(Connection c) throws SQLException
	{
		newTarget(c, "estimate");
		try (PreparedStatement ps = c.prepareStatement("INSERT INTO rt_estimate (label, value) VALUES (?, ?)"))
		{
			ps.setString(1, "plain setString");
			ps.setString(2, scalar(c, "SELECT value::text FROM fixture_estimate WHERE label = 'range'"));
			ps.executeUpdate();
			return "the INSERT succeeded";
		}
		catch (SQLException e)
		{
			return "42804".equals(e.getSQLState()) ? null : "SQLSTATE " + e.getSQLState() + ": " + e.getMessage();
		}
	}

	/* --- estimate in binary transfer --------------------------------------------- */

	/* An estimate that pgjdbc moves in binary: estimate_send's 26 bytes (version,
	 * flags, best, low, high as big-endian float8). */
	public static class BinaryEstimate extends PGobject implements PGBinaryObject
	{
		private static final long serialVersionUID = 1L;
		static final String TYPE = "\"conflict_stats\".\"estimate\"";
		boolean fromBinary;
		int flags;
		double best, low, high;

		public BinaryEstimate()
		{
			setType(TYPE);
		}

		@Override
		public void setByteValue(byte[] bytes, int offset) throws SQLException
		{
			ByteBuffer b = ByteBuffer.wrap(bytes, offset, 26);

			if (bytes.length - offset != 26 || b.get() != 1)
				throw new SQLException("not a version 1 binary estimate");
			flags = b.get();
			best = b.getDouble();
			low = b.getDouble();
			high = b.getDouble();
			fromBinary = true;
			value = null;
		}

		@Override
		public int lengthInBytes()
		{
			return 26;
		}

		@Override
		public void toBytes(byte[] bytes, int offset)
		{
			ByteBuffer.wrap(bytes, offset, 26).put((byte) 1).put((byte) flags)
				.putDouble(best).putDouble(low).putDouble(high);
		}

		/* The parts as SQL's accessors give them (NULL bounds as null). */
		List<Object> parts()
		{
			return java.util.Arrays.asList(best, (flags & 1) != 0 ? low : null, (flags & 4) != 0 ? high : null,
				(flags & 1) != 0 ? (Object) ((flags & 2) != 0) : null,
				(flags & 4) != 0 ? (Object) ((flags & 8) != 0) : null);
		}
	}

	/* A connection that moves estimates in binary, decoded by BinaryEstimate. */
	static Connection binaryConnection(Connection c) throws SQLException
	{
		String oid = scalar(c, "SELECT to_regtype('conflict_stats.estimate')::oid");
		Connection b = connect("binaryTransferEnable", oid);

		/* pgjdbc names the type both ways, depending on how it first met the OID */
		b.unwrap(PGConnection.class).addDataType(BinaryEstimate.TYPE, BinaryEstimate.class);
		b.unwrap(PGConnection.class).addDataType("estimate", BinaryEstimate.class);
		return b;
	}

	/* Estimates read in binary past the threshold decode to the parts SQL gives. */
	static String checkBinaryReads(Connection c, Map<String, BinaryEstimate> decoded) throws SQLException
	{
		StringBuilder bad = new StringBuilder();
		int binaryRuns = 0;

		try (Connection b = binaryConnection(c);
			 PreparedStatement ps = b.prepareStatement(
				 "SELECT label, value, conflict_stats.best(value), conflict_stats.low(value), conflict_stats.high(value), "
				 + "conflict_stats.low_inclusive(value), conflict_stats.high_inclusive(value), value::text "
				 + "FROM fixture_estimate WHERE value IS NOT NULL"))
		{
			for (int run = 1; run <= RUNS; run++)
			{
				boolean binary = false;

				try (ResultSet rs = ps.executeQuery())
				{
					while (rs.next())
					{
						Object o = rs.getObject(2);
						if (!(o instanceof BinaryEstimate))
						{
							bad.append("getObject gave ").append(describe(o)).append('\n');
							continue;
						}
						BinaryEstimate e = (BinaryEstimate) o;
						if (!e.fromBinary)
						{
							if (!Objects.equals(e.getValue(), rs.getString(8)))
								bad.append(rs.getString(1)).append(": text ").append(e.getValue()).append('\n');
							continue;
						}
						binary = true;
						List<Object> sql = java.util.Arrays.asList(rs.getDouble(3), rs.getObject(4), rs.getObject(5),
							rs.getObject(6), rs.getObject(7));
						if (!e.parts().equals(sql))
							bad.append(rs.getString(1)).append(": binary ").append(e.parts()).append(", SQL ").append(sql).append('\n');
						decoded.put(rs.getString(1), e);
					}
				}
				if (binary)
					binaryRuns++;
			}
		}
		if (binaryRuns == 0)
			bad.append("the driver never used binary transfer\n");
		return bad.length() == 0 ? null : bad.toString();
	}

	/* Binary estimates sent back as parameters read back equal in every part. */
	static String checkBinaryWrites(Connection c, Map<String, BinaryEstimate> decoded) throws SQLException
	{
		if (decoded.isEmpty())
			return "nothing was decoded from binary";
		try (Connection b = binaryConnection(c))
		{
			newTarget(b, "estimate");
			writeBinary(b, decoded);
			if (!rejectsBadFlags(b))
				return "an unknown flag bit was not rejected with 22P03: the parameter did not go in binary";
			return compareTarget(b, "estimate");
		}
	}

	/* A binary parameter with an unknown flag bit fails in estimate_recv (22P03). */
	static boolean rejectsBadFlags(Connection b) throws SQLException
	{
		BinaryEstimate bad = new BinaryEstimate();

		bad.flags = 0x10;
		try (PreparedStatement ps = b.prepareStatement("SELECT ?::text"))
		{
			ps.setObject(1, bad);
			ps.executeQuery().close();
			return false;
		}
		catch (SQLException e)
		{
			return "22P03".equals(e.getSQLState());
		}
	}

	/* Insert the decoded estimates (and a NULL) into rt_estimate, RUNS times over. */
	static void writeBinary(Connection b, Map<String, BinaryEstimate> decoded) throws SQLException
	{
		try (PreparedStatement ps = b.prepareStatement("INSERT INTO rt_estimate (label, value) VALUES (?, ?)"))
		{
			for (int run = 1; run <= RUNS; run++)
			{
				exec(b, "TRUNCATE rt_estimate");
				for (Map.Entry<String, BinaryEstimate> e : decoded.entrySet())
				{
					ps.setString(1, e.getKey());
					ps.setObject(2, e.getValue());
					ps.executeUpdate();
				}
				ps.setString(1, "null");
				ps.setNull(2, Types.OTHER);
				ps.executeUpdate();
			}
		}
	}

	/* Any type's binary form, as pgjdbc hands it over and sends it back. */
	public static class RawBinary extends PGobject implements PGBinaryObject
	{
		private static final long serialVersionUID = 1L;
		byte[] bytes;

		@Override
		public void setByteValue(byte[] b, int offset)
		{
			bytes = java.util.Arrays.copyOfRange(b, offset, b.length);
		}

		@Override
		public int lengthInBytes()
		{
			return bytes.length;
		}

		@Override
		public void toBytes(byte[] b, int offset)
		{
			System.arraycopy(bytes, 0, b, offset, bytes.length);
		}
	}

	/* A connection that moves <typ> in binary, as RawBinary. */
	static Connection rawBinaryConnection(Connection c, String typ) throws SQLException
	{
		Connection b = connect("binaryTransferEnable", scalar(c, "SELECT to_regtype('conflict_stats." + typ + "')::oid"));
		PGConnection pg = b.unwrap(PGConnection.class);

		pg.addDataType("\"conflict_stats\".\"" + typ + "\"", RawBinary.class);
		pg.addDataType(typ, RawBinary.class);
		return b;
	}

	/* In binary transfer, a prepared SELECT run RUNS times gives the send function's bytes,
	 * and those bytes sent back as binary parameters write back the same values. */
	static String checkRawBinary(Connection c, String typ) throws SQLException
	{
		StringBuilder bad = new StringBuilder();
		Map<String, RawBinary> got = new TreeMap<>();
		String send = scalar(c, "SELECT typsend::regproc::text FROM pg_type WHERE oid = to_regtype('conflict_stats." + typ + "')");

		try (Connection b = rawBinaryConnection(c, typ))
		{
			try (PreparedStatement ps = b.prepareStatement(
					"SELECT label, value, " + send + "(value) FROM fixture_" + typ + " WHERE value IS NOT NULL"))
			{
				for (int run = 1; run <= RUNS; run++)
					try (ResultSet rs = ps.executeQuery())
					{
						while (rs.next())
						{
							Object o = rs.getObject(2);
							if (o instanceof RawBinary && ((RawBinary) o).bytes != null)
							{
								if (!java.util.Arrays.equals(((RawBinary) o).bytes, rs.getBytes(3)))
									bad.append(rs.getString(1)).append(": bytes differ from ").append(send).append('\n');
								got.put(rs.getString(1), (RawBinary) o);
							}
						}
					}
			}
			if (got.isEmpty())
				return "the driver never used binary transfer";
			newTarget(b, typ);
			try (PreparedStatement ps = b.prepareStatement("INSERT INTO rt_" + typ + " (label, value) VALUES (?, ?)"))
			{
				for (int run = 1; run <= RUNS; run++)
				{
					exec(b, "TRUNCATE rt_" + typ);
					for (Map.Entry<String, RawBinary> e : got.entrySet())
					{
						RawBinary v = new RawBinary();
						v.setType("conflict_stats." + typ);
						v.bytes = e.getValue().bytes;
						ps.setString(1, e.getKey());
						ps.setObject(2, v);
						ps.executeUpdate();
					}
					ps.setString(1, "null");
					ps.setNull(2, Types.OTHER);
					ps.executeUpdate();
				}
			}
			exec(b, "DELETE FROM rt_" + typ + " r WHERE label = 'null' AND NOT EXISTS "
				+ "(SELECT FROM fixture_" + typ + " f WHERE f.label = 'null')");
			String diff = compareTarget(b, typ);
			if (diff != null)
				bad.append(diff);
		}
		return bad.length() == 0 ? null : bad.toString();
	}

	/* --- DatabaseMetaData -------------------------------------------------------- */

	/* A map from a query's first column to its second. */
	static Map<String, String> pairs(Connection c, String sql) throws SQLException
	{
		Map<String, String> m = new TreeMap<>();

		try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql))
		{
			while (rs.next())
				m.put(rs.getString(1), rs.getString(2));
		}
		return m;
	}

	/* Where two maps differ, one line per key; also keys whose remark is missing. */
	static String diffRemarks(Map<String, String> jdbc, Map<String, String> sql, boolean requireRemarks)
	{
		StringBuilder bad = new StringBuilder();

		if (sql.isEmpty())
			return "nothing found in the catalog";
		for (String k : sql.keySet())
			if (!jdbc.containsKey(k))
				bad.append(k).append(": missing from DatabaseMetaData\n");
			else if (!Objects.equals(jdbc.get(k), sql.get(k)))
				bad.append(k).append(": REMARKS ").append(jdbc.get(k)).append(" but COMMENT ").append(sql.get(k)).append('\n');
			else if (requireRemarks && sql.get(k) == null)
				bad.append(k).append(": no COMMENT\n");
		for (String k : jdbc.keySet())
			if (!sql.containsKey(k))
				bad.append(k).append(": not in the catalog\n");
		return bad.length() == 0 ? null : bad.toString();
	}

	/* getTables: the schema's tables and views, REMARKS equal to their COMMENTs. */
	static String checkTables(Connection c) throws SQLException
	{
		Map<String, String> jdbc = new TreeMap<>();

		try (ResultSet rs = c.getMetaData().getTables(null, "conflict_stats", "%", new String[] {"TABLE", "VIEW"}))
		{
			while (rs.next())
				jdbc.put(rs.getString("TABLE_NAME") + " " + rs.getString("TABLE_TYPE"), rs.getString("REMARKS"));
		}
		return diffRemarks(jdbc, pairs(c,
			"SELECT relname || CASE relkind WHEN 'v' THEN ' VIEW' ELSE ' TABLE' END, obj_description(oid, 'pg_class') "
			+ "FROM pg_class WHERE relnamespace = 'conflict_stats'::regnamespace AND relkind IN ('r', 'p', 'v')"), true);
	}

	/* getColumns: every column of the schema's tables and views, REMARKS equal to its COMMENT. */
	static String checkColumns(Connection c) throws SQLException
	{
		Map<String, String> jdbc = new TreeMap<>();

		try (ResultSet rs = c.getMetaData().getColumns(null, "conflict_stats", "%", "%"))
		{
			while (rs.next())
				jdbc.put(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"), rs.getString("REMARKS"));
		}
		return diffRemarks(jdbc, pairs(c,
			"SELECT c.relname || '.' || a.attname, col_description(c.oid, a.attnum) "
			+ "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
			+ "WHERE c.relnamespace = 'conflict_stats'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
			+ "AND a.attnum > 0 AND NOT a.attisdropped"), false);
	}

	/* getColumns: figures.value is the estimate type; figures_flat has only standard types. */
	static String checkColumnTypes(Connection c) throws SQLException
	{
		StringBuilder bad = new StringBuilder();
		DatabaseMetaData md = c.getMetaData();

		try (ResultSet rs = md.getColumns(null, "conflict_stats", "figures", "value"))
		{
			if (!rs.next() || !typeNamed(rs.getString("TYPE_NAME"), "estimate") || rs.getInt("DATA_TYPE") != Types.OTHER)
				bad.append("figures.value is not reported as conflict_stats.estimate (Types.OTHER)\n");
		}
		int n = 0;
		try (ResultSet rs = md.getColumns(null, "conflict_stats", "figures_flat", "%"))
		{
			while (rs.next())
			{
				n++;
				if (rs.getInt("DATA_TYPE") == Types.OTHER || !STANDARD_TYPES.contains(rs.getString("TYPE_NAME")))
					bad.append("figures_flat.").append(rs.getString("COLUMN_NAME")).append(" is ")
						.append(rs.getString("TYPE_NAME")).append('\n');
			}
		}
		if (n == 0)
			bad.append("figures_flat has no columns\n");
		return bad.length() == 0 ? null : bad.toString();
	}

	/* getFunctions: every function (pgjdbc lists plain functions, not aggregates) has
	 * REMARKS equal to its COMMENT. */
	static String checkFunctions(Connection c) throws SQLException
	{
		Map<String, String> jdbc = new TreeMap<>();

		try (ResultSet rs = c.getMetaData().getFunctions(null, "conflict_stats", "%"))
		{
			while (rs.next())
				jdbc.put(rs.getString("SPECIFIC_NAME"), rs.getString("REMARKS"));
		}
		return diffRemarks(jdbc, pairs(c,
			"SELECT proname || '_' || oid, obj_description(oid, 'pg_proc') FROM pg_proc "
			+ "WHERE pronamespace = 'conflict_stats'::regnamespace AND prokind = 'f'"), true);
	}

	/* --- dashboards -------------------------------------------------------------- */

	/* The ```sql blocks of the '## Dashboards' section of a markdown file, with the ```sql grafana ones. */
	static List<String> dashboardQueries(String path) throws Exception
	{
		String text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
		List<String> out = new ArrayList<>();
		Matcher sec = Pattern.compile("^## Dashboards[ \\t]*\\n(.*?)(?=^## |\\z)", Pattern.MULTILINE | Pattern.DOTALL)
			.matcher(text);

		if (!sec.find())
			return out;
		Matcher b = Pattern.compile("^```sql(?:[ \\t]+grafana)?[ \\t]*\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL).matcher(sec.group(1));
		while (b.find())
			out.add(b.group(1).strip());
		return out;
	}

	/* The query with Grafana's $__timeFilter(col) replaced by a literal range. */
	static String grafanaLiteral(String sql)
	{
		return sql.replaceAll("\\$__timeFilter\\(\\s*([^)]*?)\\s*\\)", "$1 BETWEEN '2024-01-01' AND '2024-12-31'");
	}

	/* A short name for a query: its first comment line, else its number. */
	static String queryTitle(String sql, int i)
	{
		Matcher m = Pattern.compile("^\\s*--\\s*(.+)").matcher(sql);
		return "dashboard query " + i + (m.find() ? " (" + m.group(1).strip() + ")" : "");
	}

	/* The query runs, returns rows, and every column has a standard built-in type. */
	static String checkDashboard(Connection c, String sql) throws SQLException
	{
		StringBuilder bad = new StringBuilder();
		String q = grafanaLiteral(sql);

		if (q.contains("$__"))
			return "a Grafana macro is left in the query";
		try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q))
		{
			ResultSetMetaData md = rs.getMetaData();
			int rows = 0;

			for (int i = 1; i <= md.getColumnCount(); i++)
				if (md.getColumnType(i) == Types.OTHER || !STANDARD_TYPES.contains(md.getColumnTypeName(i)))
					bad.append("column ").append(md.getColumnLabel(i)).append(" is ").append(md.getColumnTypeName(i))
						.append(" (java.sql.Types ").append(md.getColumnType(i)).append(")\n");
			while (rs.next())
			{
				rows++;
				for (int i = 1; i <= md.getColumnCount(); i++)
					rs.getObject(i);
			}
			if (rows == 0)
				bad.append("no rows\n");
		}
		return bad.length() == 0 ? null : bad.toString();
	}

	/* --- main -------------------------------------------------------------------- */

	/* Reads and writes of every type. */
	static void typeSuite() throws SQLException
	{
		try (Connection c = connect(); Connection u = connect("stringtype", "unspecified"))
		{
			for (String typ : TYPES)
			{
				check("jdbc: " + typ + ": getString is the ::text form, getObject a PGobject of the type",
					() -> checkReads(c, typ));
				check("jdbc: " + typ + ": a prepared SELECT run " + RUNS + " times (server-prepared) keeps reading the same",
					() -> checkPreparedReads(c, typ));
				check("jdbc: " + typ + ": setObject(i, text, Types.OTHER) run " + RUNS + " times writes back the same values",
					() -> writeBack(c, typ, (ps, t) -> ps.setObject(2, t, Types.OTHER)));
				check("jdbc: " + typ + ": setObject(i, PGobject) run " + RUNS + " times writes back the same values",
					() -> writeBack(c, typ, (ps, t) -> ps.setObject(2, t == null ? null : pgobject(typ, t))));
				check("jdbc: " + typ + ": setString with stringtype=unspecified run " + RUNS + " times writes back the same values",
					() -> writeBack(u, typ, (ps, t) -> ps.setString(2, t)));
				check("jdbc: " + typ + ": in binary transfer (binaryTransferEnable) reads give the send function's bytes and write back",
					() -> checkRawBinary(c, typ));
			}
			check("jdbc: estimate: plain setString into an estimate column fails with 42804, as for any non-text type",
				() -> checkPlainSetStringFails(c));
			Map<String, BinaryEstimate> decoded = new HashMap<>();
			check("jdbc: estimate: in binary transfer (binaryTransferEnable, a PGBinaryObject) getObject decodes the parts SQL gives",
				() -> checkBinaryReads(c, decoded));
			check("jdbc: estimate: binary estimates sent as parameters " + RUNS + " times write back the same values",
				() -> checkBinaryWrites(c, decoded));
		}
	}

	/* DatabaseMetaData of schema conflict_stats. */
	static void metadataSuite() throws SQLException
	{
		try (Connection c = connect())
		{
			check("jdbc: getTables lists the schema's tables and views with REMARKS equal to their COMMENTs",
				() -> checkTables(c));
			check("jdbc: getColumns gives every column with REMARKS equal to its COMMENT",
				() -> checkColumns(c));
			check("jdbc: getColumns types figures.value as the estimate type and figures_flat as standard types",
				() -> checkColumnTypes(c));
			check("jdbc: getFunctions lists every function with REMARKS equal to its COMMENT",
				() -> checkFunctions(c));
		}
	}

	/* Every dashboard query of the markdown file. */
	static void dashboardSuite(String path) throws Exception
	{
		List<String> queries = dashboardQueries(path);

		ok(queries.size() >= 7, "jdbc: " + Path.of(path).getFileName() + " has a '## Dashboards' section with its sql blocks ("
			+ queries.size() + ", 7 needed)", null);
		try (Connection c = connect())
		{
			exec(c, "SET search_path = \"$user\", public");
			for (int i = 0; i < queries.size(); i++)
			{
				String sql = queries.get(i);
				check("jdbc: " + queryTitle(sql, i + 1) + " returns rows of standard column types",
					() -> checkDashboard(c, sql));
			}
		}
	}

	public static void main(String[] args) throws Exception
	{
		typeSuite();
		metadataSuite();
		dashboardSuite(args[0]);
		System.exit(failed == 0 ? 0 : 1);
	}
}
