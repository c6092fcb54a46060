package app

// UserError is a problem the user can fix, such as an empty name. Key is a
// translation key (the app package cannot translate, because only the screens
// know the user's language); Field names the form field at fault so the
// screen can point at it.
type UserError struct {
	Key   string
	Field string
}

func (e *UserError) Error() string { return e.Key }

// invalid builds a UserError for a field.
func invalid(field, key string) error { return &UserError{Key: key, Field: field} }
