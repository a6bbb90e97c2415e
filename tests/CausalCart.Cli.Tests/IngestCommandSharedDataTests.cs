using System.Text;
using CausalCart.Store;

namespace CausalCart.Cli.Tests;

/// <summary>`causalcart ingest` on the public Taobao slice (needs ../shared/data).</summary>
public sealed class IngestCommandSharedDataTests
{
    [Fact]
    public async Task Taobao_slice_is_ingested_completely_with_the_published_counts()
    {
        using var dir = TestPaths.NewTempDir();
        var log = TestPaths.SharedData("taobao_userbehavior", "UserBehavior_110k.csv");
        var run = await Cli.RunAsync("ingest", log, "--format", "taobao", "--store", dir.File("t.duckdb"), "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.JsonElement();
        Assert.Equal(110_300, json.GetProperty("read").GetInt64());
        Assert.Equal(110_300, json.GetProperty("accepted").GetInt64());
        Assert.Equal(0, json.GetProperty("rejected").GetInt64());
        Assert.Empty(json.GetProperty("rejectsByReason").EnumerateObject());
        var actions = json.GetProperty("actions");
        Assert.Equal(98_361, actions.GetProperty("view").GetInt64());
        Assert.Equal(6_063, actions.GetProperty("cart").GetInt64());
        Assert.Equal(3_383, actions.GetProperty("fav").GetInt64());
        Assert.Equal(2_493, actions.GetProperty("buy").GetInt64());
        Assert.Equal(66_454, json.GetProperty("users").GetInt64());
        Assert.Equal(84_793, json.GetProperty("items").GetInt64());

        // Ingesting the same file again is detected and adds nothing.
        var again = await Cli.RunAsync("ingest", log, "--format", "taobao", "--store", dir.File("t.duckdb"), "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.True(again.JsonElement().GetProperty("files")[0].GetProperty("alreadyIngested").GetBoolean());
        Assert.Equal(98_361, again.JsonElement().GetProperty("actions").GetProperty("view").GetInt64());
    }

    [Fact]
    public async Task Corrupted_copy_is_ingested_without_a_crash_and_every_bad_row_lands_in_rejects_with_its_reason()
    {
        using var dir = TestPaths.NewTempDir();
        var source = File.ReadAllLines(TestPaths.SharedData("taobao_userbehavior", "UserBehavior_110k.csv")).Take(2000).ToList();
        var bad = new List<(string Line, string Reason)>
        {
            ("1,2,3,pv", "wrong_column_count"),                               // truncated line
            ("1,2,3,pv,1511658000,extra", "wrong_column_count"),              // extra column
            ("1,2,3,pv,not-a-time", "unparsable_field"),                      // bad timestamp
            ("1,2,3,pv,12", "implausible_timestamp"),                         // 1970
            ("1,2,3,clik,1511658000", "unknown_action"),                      // unknown action
            (",2,3,pv,1511658000", "missing_field"),                          // missing user
            ("1,2,3," + new string('x', 1 << 20) + ",1511658000", "oversized_field"), // a 1 MB field
            (source[10], "duplicate"),                                        // exact duplicate of an earlier row
        };
        var path = dir.File("corrupt.csv");
        using (var stream = File.Create(path))
        {
            foreach (var line in source)
            {
                stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
            }

            foreach (var (line, _) in bad)
            {
                stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
            }

            stream.Write([(byte)'1', (byte)',', 0xC3, 0x28, (byte)',', (byte)'3', (byte)',', (byte)'p', (byte)'v', (byte)',', (byte)'1', (byte)'5', (byte)'1', (byte)'1', (byte)'6', (byte)'5', (byte)'8', (byte)'0', (byte)'0', (byte)'0', (byte)'\n']);
        }

        var storePath = dir.File("c.duckdb");
        var run = await Cli.RunAsync("ingest", path, "--format", "taobao", "--store", storePath, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.JsonElement();
        var read = json.GetProperty("read").GetInt64();
        Assert.Equal(source.Count + bad.Count + 1, read);
        Assert.Equal(read, json.GetProperty("accepted").GetInt64() + json.GetProperty("rejected").GetInt64());
        Assert.Equal(bad.Count + 1, json.GetProperty("rejected").GetInt64());

        using var store = EventStore.Open(storePath);
        var rejects = store.Connection.Query("SELECT line, reason FROM rejects ORDER BY line");
        var lines = rejects.Column<long>("line").Values.ToArray();
        var reasons = Enumerable.Range(0, rejects.RowCount).Select(i => (string)rejects.Column<string>("reason")[i]).ToArray();
        for (var i = 0; i < bad.Count; i++)
        {
            var expectedLine = source.Count + i + 1;
            var at = Array.IndexOf(lines, (long)expectedLine);
            Assert.True(at >= 0, $"line {expectedLine} ({bad[i].Reason}) is not in rejects");
            Assert.Equal(bad[i].Reason, reasons[at]);
        }

        var utf8Line = source.Count + bad.Count + 1;
        Assert.Equal("invalid_utf8", reasons[Array.IndexOf(lines, (long)utf8Line)]);
        Assert.Equal(json.GetProperty("accepted").GetInt64(), Convert.ToInt64(store.Connection.QueryScalar("SELECT count(*) FROM events"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Too_many_rejects_exit_with_code_3_and_keep_the_accepted_rows()
    {
        using var dir = TestPaths.NewTempDir();
        var path = dir.File("mostly-bad.csv");
        File.WriteAllLines(path, ["1,2,3,pv,1511658000", "1,2,3,clik,1511658000", "x", "y"]);
        var run = await Cli.RunAsync("ingest", path, "--format", "taobao", "--store", dir.File("s.duckdb"), "--max-reject-share", "0.5", "--json");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("3 of 4 rows", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, run.JsonElement().GetProperty("accepted").GetInt64());
    }
}
