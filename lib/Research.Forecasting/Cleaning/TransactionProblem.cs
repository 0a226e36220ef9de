namespace Research.Forecasting.Cleaning;

/// <summary>Problems of transaction lines that cleaning can detect and drop (see <see cref="TransactionRules"/>).</summary>
public enum TransactionProblem
{
    /// <summary>The invoice number starts with 'C'.</summary>
    Cancellation,
    /// <summary>Negative quantity (returns; every cancellation line is one too).</summary>
    Return,
    /// <summary>A stock code that is a service, fee, adjustment or voucher, not merchandise.</summary>
    NonProduct,
    /// <summary>Unit price zero or negative.</summary>
    NonPositivePrice,
    /// <summary>No customer id.</summary>
    MissingCustomer,
    /// <summary>Identical to an earlier line in every column (the first occurrence is kept).</summary>
    Duplicate,
}
