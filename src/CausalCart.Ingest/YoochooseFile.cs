namespace CausalCart.Ingest;

/// <summary>Which of the two YOOCHOOSE files is being read.</summary>
public enum YoochooseFile
{
    /// <summary>Decided by the first row's column count: 4 is a clicks file, 5 a buys file.</summary>
    Auto,

    /// <summary><c>yoochoose-clicks.dat</c>: <c>session_id,timestamp,item_id,category</c>.</summary>
    Clicks,

    /// <summary><c>yoochoose-buys.dat</c>: <c>session_id,timestamp,item_id,price,quantity</c>.</summary>
    Buys,
}
