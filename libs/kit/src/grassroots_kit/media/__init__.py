"""Photos a service keeps: bytes checked and cleaned (`images`), stored behind a port (`store`,
GridFS by default, S3-compatible optionally), their records (`records`), short-lived signed
URLs (`tokens`), the upload and download flow (`library`) and its HTTP routes (`http`)."""
