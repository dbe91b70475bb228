import { Button, Text, View } from '@tarojs/components';

/** A full-width loading line. */
export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='state state--loading' id='loading'>
      <Text>{text}</Text>
    </View>
  );
}

/** A clear error with an optional retry button. */
export function ErrorView({ title, message, onRetry }: { title?: string; message: string; onRetry?: () => void }) {
  return (
    <View className='state state--error' id='error'>
      {title ? <Text className='state__title'>{title}</Text> : null}
      <Text className='state__message' id='error-message'>
        {message}
      </Text>
      {onRetry ? (
        <Button className='btn btn--ghost' id='retry' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}

/** A field's error message, shown right under the field. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <Text className='field__error' id={id}>
      {message}
    </Text>
  );
}
