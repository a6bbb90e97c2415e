using System.Buffers.Text;
using System.Globalization;

namespace CausalCart.Simulation.Engine;

/// <summary>A growable UTF-8 byte buffer with allocation-free number formatting, for CSV rows.</summary>
internal sealed class ByteBuffer
{
    private byte[] _buffer;
    private int _length;

    public ByteBuffer(int initialCapacity = 1 << 16) => _buffer = new byte[initialCapacity];

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    public void Append(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void AppendInt64(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
    }

    /// <summary>Writes an amount in cents as <c>units.cc</c> (e.g. 1234 → <c>12.34</c>, −5 → <c>-0.05</c>).</summary>
    public void AppendCents(long cents)
    {
        Ensure(24);
        if (cents < 0)
        {
            _buffer[_length++] = (byte)'-';
            cents = -cents;
        }

        Utf8Formatter.TryFormat(cents / 100, _buffer.AsSpan(_length), out var written);
        _length += written;
        var fraction = (int)(cents % 100);
        _buffer[_length++] = (byte)'.';
        _buffer[_length++] = (byte)('0' + fraction / 10);
        _buffer[_length++] = (byte)('0' + fraction % 10);
    }

    /// <summary>Writes a double in its shortest round-trip invariant form (e.g. <c>0.25</c>, <c>1.5E-05</c>).</summary>
    public void AppendDouble(double value)
    {
        Ensure(32);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Grow(extra);
        }
    }

    private void Grow(int extra)
    {
        var size = Math.Max(_buffer.Length * 2, _length + extra);
        Array.Resize(ref _buffer, size);
    }
}
