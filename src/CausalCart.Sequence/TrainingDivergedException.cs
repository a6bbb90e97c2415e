using CausalCart.Core.Errors;

namespace CausalCart.Sequence;

/// <summary>Training produced a NaN or infinite value; the message names the step and the tensor.</summary>
public sealed class TrainingDivergedException : CausalCartException
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(long step, string tensor, string message)
        : base(ErrorKind.Usage, message)
    {
        Step = step;
        Tensor = tensor;
    }

    /// <summary>Optimiser step at which the non-finite value appeared.</summary>
    public long Step { get; }

    /// <summary>The first tensor found holding a non-finite value.</summary>
    public string Tensor { get; }
}
