using System.Text;
using System.Text.Json;
using CausalCart.Core.Errors;
using CausalCart.Core.Serialization;
using CausalCart.Sequence.Data;
using CausalCart.Sequence.Model;

namespace CausalCart.Sequence;

/// <summary>Checkpoints: a versioned little-endian binary file.</summary>
/// <remarks>
/// Layout, version 1: magic <c>CCSEQMDL</c> (8 bytes); int32 version; uint64 vocabulary hash; int32 V
/// and V int64 item ids; int32 length and UTF-8 JSON header (model options, heads, shape, optional item keys); int32 P and
/// P float32 parameters in <see cref="Weights.DeclareLayout"/> order; uint64 FNV-1a checksum of the
/// parameter bytes. Written to a temporary file in the same folder and renamed over the target, so a
/// reader sees either the old or the new checkpoint, never half of one.
/// </remarks>
public sealed partial class SequenceModel
{
    /// <summary>The checkpoint format version this build writes and reads.</summary>
    public const int CheckpointVersion = 1;

    private static readonly byte[] Magic = "CCSEQMDL"u8.ToArray();

    /// <summary>Writes the model to <paramref name="path"/> atomically (temporary file + rename).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temp = full + $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var w = new BinaryWriter(stream, Encoding.UTF8))
            {
                w.Write(Magic);
                w.Write(CheckpointVersion);
                w.Write(VocabularyHash);
                w.Write(ItemIds.Length);
                foreach (var id in ItemIds)
                {
                    w.Write(id);
                }

                var header = Encoding.UTF8.GetBytes(CausalCartJson.Serialize(new CheckpointHeader(Options, ActionHead, PurchaseHead, Shape.Actions, ItemKeys?.ToArray())));
                w.Write(header.Length);
                w.Write(header);
                var data = Parameters.Data;
                w.Write(data.Length);
                var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan());
                w.Write(bytes);
                w.Write(Fnv(bytes));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Reads a checkpoint. Throws <see cref="CausalCartException"/> when the file is missing, not a
    /// checkpoint, of another version, truncated or corrupted.
    /// </summary>
    public static SequenceModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CausalCartException($"Checkpoint '{path}' not found.");
        }

        try
        {
            using var r = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new CausalCartException($"'{path}' is not a CausalCart sequence-model checkpoint (bad magic).");
            }

            var version = r.ReadInt32();
            if (version != CheckpointVersion)
            {
                throw new CausalCartException($"Checkpoint '{path}' has format version {version}; this build reads version {CheckpointVersion} only. Retrain or convert the model.");
            }

            var hash = r.ReadUInt64();
            var ids = new long[r.ReadInt32()];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = r.ReadInt64();
            }

            if (SequenceDataset.HashIds(ids) != hash)
            {
                throw new CausalCartException($"Checkpoint '{path}' is corrupted: its vocabulary does not match its vocabulary hash.");
            }

            var header = CausalCartJson.Deserialize<CheckpointHeader>(Encoding.UTF8.GetString(r.ReadBytes(r.ReadInt32())));
            var options = header.Options;
            options.Validate();
            var shape = new ModelShape(ids.Length, header.Actions, options.GapBuckets, options.MaxLength, options.Channels, options.Layers, options.Heads);
            var parameters = Weights.DeclareLayout(shape);
            parameters.Allocate();
            var count = r.ReadInt32();
            if (count != parameters.Length)
            {
                throw new CausalCartException($"Checkpoint '{path}' holds {count} parameters; its header describes {parameters.Length}.");
            }

            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(parameters.Data.AsSpan());
            if (r.Read(bytes) != bytes.Length || r.ReadUInt64() != Fnv(bytes))
            {
                throw new CausalCartException($"Checkpoint '{path}' is truncated or its parameters are corrupted (checksum mismatch).");
            }

            return new SequenceModel(options, shape, parameters, ids, header.ActionHead, header.PurchaseHead, header.ItemKeys);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or IOException)
        {
            throw new CausalCartException($"Checkpoint '{path}' could not be read: {e.Message}", e);
        }
    }

    /// <summary>Reads a checkpoint and requires that it was trained on <paramref name="data"/>'s vocabulary.</summary>
    public static SequenceModel Load(string path, SequenceDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var model = Load(path);
        model.RequireVocabulary(data);
        return model;
    }

    private static ulong Fnv(ReadOnlySpan<byte> bytes)
    {
        var h = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            h = (h ^ b) * 1099511628211UL;
        }

        return h;
    }

    // ItemKeys is optional (absent in checkpoints written before it existed, and for models without keys),
    // so adding it did not change the format version.
    private sealed record CheckpointHeader(SequenceModelOptions Options, bool ActionHead, bool PurchaseHead, int Actions, string[]? ItemKeys = null);
}
