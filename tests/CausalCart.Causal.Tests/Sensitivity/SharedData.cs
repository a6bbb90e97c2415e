namespace CausalCart.Causal.Tests.Sensitivity;

/// <summary>Finds <c>shared/data</c> by walking up from the test binaries; fails loudly when it is missing.</summary>
internal static class SharedData
{
    /// <summary>The <c>shared/data</c> folder; throws with <paramref name="missingMessage"/> when no parent holds one.</summary>
    public static string Folder(string missingMessage)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(missingMessage);
    }

    public static string File(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"Shared data file 'shared/data/{relative}' was not found in any parent of {AppContext.BaseDirectory}; the SharedData tests need the project's shared data folder.");
        return "";
    }

    /// <summary>Reads a simple CSV (double-quoted fields without embedded quotes) into named string columns.</summary>
    public static Dictionary<string, List<string>> Csv(string path)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var header = Split(lines[0]);
        var cols = header.ToDictionary(h => h, _ => new List<string>());
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = Split(line);
            Assert.Equal(header.Length, f.Length);
            for (int i = 0; i < f.Length; i++)
            {
                cols[header[i]].Add(f[i]);
            }
        }

        return cols;
    }

    private static string[] Split(string line)
    {
        var r = new List<string>();
        bool q = false;
        var cur = new System.Text.StringBuilder();
        foreach (char c in line)
        {
            if (c == '"')
            {
                q = !q;
            }
            else if (c == ',' && !q)
            {
                r.Add(cur.ToString());
                cur.Clear();
            }
            else
            {
                cur.Append(c);
            }
        }

        r.Add(cur.ToString());
        return [.. r];
    }
}
