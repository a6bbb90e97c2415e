using System.Diagnostics;
using System.Text;

namespace CausalCart.Reporting.Tests;

/// <summary>
/// Runs Debian's headless Chromium on a local file: no network, a fresh profile, virtual time so that
/// the page's scripts and animation frames run to completion before the DOM is dumped.
/// </summary>
internal static class HeadlessChromium
{
    private const string Binary = "/usr/bin/chromium";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    /// <summary>Fails the test (never skips it) when Chromium is not installed at <paramref name="binary"/>.</summary>
    public static string RequirePath(string binary = Binary)
    {
        if (!File.Exists(binary))
        {
            Assert.Fail($"Headless Chromium is required for the report browser tests but {binary} is missing: run ./scripts/install-test-tools.sh (it installs Debian's chromium package).");
        }

        return binary;
    }

    /// <summary>The DOM after scripts ran, as Chromium serialises it.</summary>
    public static string DumpDom(string htmlPath) => Run(htmlPath, "--dump-dom");

    /// <summary>Writes a PNG screenshot of the page at the given window size.</summary>
    public static void Screenshot(string htmlPath, string pngPath, int width, int height) =>
        Run(htmlPath, "--screenshot=" + pngPath, $"--window-size={width},{height}", "--hide-scrollbars");

    private static string Run(string htmlPath, params string[] extra)
    {
        string chromium = RequirePath();
        string profile = Path.Combine(Path.GetTempPath(), "causalcart-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile, "--virtual-time-budget=5000",
        }.Concat(extra).Append(new Uri(htmlPath).AbsoluteUri))
        {
            start.ArgumentList.Add(arg);
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        try
        {
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.Append(e.Data).Append('\n'); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.Append(e.Data).Append('\n'); } } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"Chromium did not finish within {Timeout.TotalSeconds} s. stderr:\n{Tail(stderr)}");
            }

            process.WaitForExit(); // drains the redirected streams
            Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}. stderr:\n{Tail(stderr)}");
            lock (stdout)
            {
                return stdout.ToString();
            }
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium's helpers may still hold the profile for a moment; the temp folder is reclaimed later.
            }
        }
    }

    private static string Tail(StringBuilder text)
    {
        lock (text)
        {
            string s = text.ToString();
            return s.Length <= 4000 ? s : s[^4000..];
        }
    }
}
