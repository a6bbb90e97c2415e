using System.Diagnostics;

namespace CausalCart.Cli.Tests;

/// <summary>Headless Debian Chromium for report tests; fails clearly when it is not installed.</summary>
internal static class Chromium
{
    private const string Binary = "/usr/bin/chromium";

    /// <summary>Loads a local HTML file, lets its scripts run, and returns the DOM; also saves a screenshot.</summary>
    public static string DumpDomAndScreenshot(string htmlPath, string screenshotPath)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: run scripts/install-test-tools.sh (Debian package 'chromium').");
        using var profile = new TempDir();
        var common = new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile.Path, "--virtual-time-budget=8000",
        };
        Run([.. common, "--screenshot=" + screenshotPath, "--window-size=1280,2400", "file://" + htmlPath]);
        return Run([.. common, "--dump-dom", "file://" + htmlPath]);
    }

    private static string Run(string[] args)
    {
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "chromium did not finish within 120 s");
        return stdout.Result;
    }
}
