"""Forms of the records pages. They shape what people type into the report dict that
``records.validation`` judges; they never judge it themselves."""
